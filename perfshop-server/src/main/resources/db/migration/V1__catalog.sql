-- Catalogue: categories, products, reviews. Runs unchanged on H2 (MODE=MySQL) and MySQL 8 / MariaDB.
CREATE TABLE categories (
  id          BIGINT       NOT NULL AUTO_INCREMENT,
  slug        VARCHAR(64)  NOT NULL,
  name        VARCHAR(128) NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_categories_slug UNIQUE (slug)
);

CREATE TABLE products (
  id          BIGINT        NOT NULL AUTO_INCREMENT,
  sku         VARCHAR(32)   NOT NULL,
  name        VARCHAR(160)  NOT NULL,
  description VARCHAR(2000) NOT NULL,
  price       DECIMAL(12,2) NOT NULL,
  stock       INT           NOT NULL,
  category_id BIGINT        NOT NULL,
  hue         INT           NOT NULL,
  created_at  TIMESTAMP(6)  NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_products_sku UNIQUE (sku),
  CONSTRAINT fk_products_category FOREIGN KEY (category_id) REFERENCES categories (id),
  CONSTRAINT ck_products_stock CHECK (stock >= 0),
  CONSTRAINT ck_products_price CHECK (price >= 0)
);
CREATE INDEX ix_products_category ON products (category_id);
CREATE INDEX ix_products_name ON products (name);

CREATE TABLE reviews (
  id          BIGINT        NOT NULL AUTO_INCREMENT,
  product_id  BIGINT        NOT NULL,
  author      VARCHAR(64)   NOT NULL,
  rating      INT           NOT NULL,
  body        VARCHAR(2000) NOT NULL,
  created_at  TIMESTAMP(6)  NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_reviews_product FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE CASCADE,
  CONSTRAINT ck_reviews_rating CHECK (rating BETWEEN 1 AND 5)
);
CREATE INDEX ix_reviews_product ON reviews (product_id);
