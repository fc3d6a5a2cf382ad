-- Shop: customers and sessions, carts, orders with their lines, stock movements and payments,
-- and idempotency keys of checkout. Runs unchanged on H2 (MODE=MySQL) and MySQL 8 / MariaDB.
CREATE TABLE customers (
  id            BIGINT       NOT NULL AUTO_INCREMENT,
  email         VARCHAR(254) NOT NULL,
  name          VARCHAR(80)  NOT NULL,
  password_hash VARCHAR(100) NOT NULL,
  created_at    TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_customers_email UNIQUE (email)
);

-- Only the SHA-256 of a session token is stored: a leaked table does not let anyone sign in.
CREATE TABLE customer_sessions (
  id          BIGINT       NOT NULL AUTO_INCREMENT,
  token_hash  VARCHAR(64)  NOT NULL,
  customer_id BIGINT       NOT NULL,
  created_at  TIMESTAMP(6) NOT NULL,
  expires_at  TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_customer_sessions_token UNIQUE (token_hash),
  CONSTRAINT fk_customer_sessions_customer FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE
);
CREATE INDEX ix_customer_sessions_customer ON customer_sessions (customer_id);
CREATE INDEX ix_customer_sessions_expires ON customer_sessions (expires_at);

-- A cart belongs either to a customer or to an anonymous cart cookie (token stored hashed).
CREATE TABLE carts (
  id          BIGINT       NOT NULL AUTO_INCREMENT,
  token_hash  VARCHAR(64),
  customer_id BIGINT,
  created_at  TIMESTAMP(6) NOT NULL,
  updated_at  TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_carts_token UNIQUE (token_hash),
  CONSTRAINT uk_carts_customer UNIQUE (customer_id),
  CONSTRAINT fk_carts_customer FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE
);

CREATE TABLE cart_items (
  cart_id    BIGINT NOT NULL,
  product_id BIGINT NOT NULL,
  quantity   INT    NOT NULL,
  PRIMARY KEY (cart_id, product_id),
  CONSTRAINT fk_cart_items_cart FOREIGN KEY (cart_id) REFERENCES carts (id) ON DELETE CASCADE,
  CONSTRAINT fk_cart_items_product FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE CASCADE,
  CONSTRAINT ck_cart_items_quantity CHECK (quantity > 0)
);

CREATE TABLE orders (
  id           BIGINT        NOT NULL AUTO_INCREMENT,
  customer_id  BIGINT,
  email        VARCHAR(254)  NOT NULL,
  status       VARCHAR(16)   NOT NULL,
  subtotal     DECIMAL(12,2) NOT NULL,
  tax          DECIMAL(12,2) NOT NULL,
  shipping     DECIMAL(12,2) NOT NULL,
  total        DECIMAL(12,2) NOT NULL,
  ship_name    VARCHAR(80)   NOT NULL,
  ship_line1   VARCHAR(120)  NOT NULL,
  ship_city    VARCHAR(80)   NOT NULL,
  ship_postcode VARCHAR(16)  NOT NULL,
  ship_country VARCHAR(2)    NOT NULL,
  created_at   TIMESTAMP(6)  NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE SET NULL
);
CREATE INDEX ix_orders_customer ON orders (customer_id, id);

CREATE TABLE order_lines (
  id         BIGINT        NOT NULL AUTO_INCREMENT,
  order_id   BIGINT        NOT NULL,
  product_id BIGINT        NOT NULL,
  sku        VARCHAR(32)   NOT NULL,
  name       VARCHAR(160)  NOT NULL,
  unit_price DECIMAL(12,2) NOT NULL,
  quantity   INT           NOT NULL,
  line_total DECIMAL(12,2) NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_order_lines_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE,
  CONSTRAINT ck_order_lines_quantity CHECK (quantity > 0)
);
CREATE INDEX ix_order_lines_order ON order_lines (order_id);

CREATE TABLE stock_movements (
  id         BIGINT       NOT NULL AUTO_INCREMENT,
  product_id BIGINT       NOT NULL,
  order_id   BIGINT,
  delta      INT          NOT NULL,
  reason     VARCHAR(16)  NOT NULL,
  created_at TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_stock_movements_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE
);
CREATE INDEX ix_stock_movements_product ON stock_movements (product_id);
CREATE INDEX ix_stock_movements_order ON stock_movements (order_id);

-- Card numbers are never stored: only the last four digits.
CREATE TABLE payments (
  id                 BIGINT        NOT NULL AUTO_INCREMENT,
  order_id           BIGINT        NOT NULL,
  status             VARCHAR(16)   NOT NULL,
  amount             DECIMAL(12,2) NOT NULL,
  card_last4         VARCHAR(4)    NOT NULL,
  authorization_code VARCHAR(32)   NOT NULL,
  created_at         TIMESTAMP(6)  NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_payments_order UNIQUE (order_id),
  CONSTRAINT fk_payments_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE
);

-- One row per (owner, Idempotency-Key): claimed before checkout runs, completed with its result.
CREATE TABLE idempotency_keys (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  owner            VARCHAR(80)   NOT NULL,
  idem_key         VARCHAR(255)  NOT NULL,
  request_hash     VARCHAR(64)   NOT NULL,
  state            VARCHAR(16)   NOT NULL,
  claim_token      VARCHAR(36)   NOT NULL,
  response_status  INT,
  response_body    TEXT,
  order_id         BIGINT,
  claimed_at       TIMESTAMP(6)  NOT NULL,
  completed_at     TIMESTAMP(6),
  PRIMARY KEY (id),
  CONSTRAINT uk_idempotency_keys UNIQUE (owner, idem_key)
);
