-- Checkout coupons: a code takes a share of the subtotal off an order. The order keeps the code
-- and the discount it got. Portable SQL (H2 and MariaDB).
CREATE TABLE coupons (
  code         VARCHAR(32)   NOT NULL,
  percent_off  DECIMAL(5,2)  NOT NULL,
  active       BOOLEAN       NOT NULL,
  PRIMARY KEY (code),
  CONSTRAINT ck_coupons_percent CHECK (percent_off > 0 AND percent_off <= 100)
);

INSERT INTO coupons (code, percent_off, active) VALUES ('WELCOME10', 10.00, TRUE);
INSERT INTO coupons (code, percent_off, active) VALUES ('SPRING20', 20.00, TRUE);
INSERT INTO coupons (code, percent_off, active) VALUES ('SUMMER15', 15.00, FALSE);

ALTER TABLE orders ADD COLUMN discount DECIMAL(12,2) NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN coupon_code VARCHAR(32);
