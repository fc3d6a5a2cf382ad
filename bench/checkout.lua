-- Phase 2 of the checkout benchmark: guests check out the carts filled in phase 1, each with a
-- unique Idempotency-Key, so every request is a real checkout: cart lock, stock UPDATE, order,
-- lines, stock movement, simulated payment (its latency included), payment row, key completion.
-- A thread uses the carts its phase-1 namesake filled; if it runs out it wraps around, and those
-- requests answer 422 (empty cart): bench/run reports them and phase 1 is sized to avoid them.
dofile(os.getenv("BENCH_DIR") .. "/report.lua")

local carts = {}
local n = 0
local run = os.getenv("BENCH_RUN") or "run"
local body = '{"email":"bench@example.test",'
  .. '"shippingAddress":{"name":"Bench","line1":"1 Load Street","city":"Lyon",'
  .. '"postalCode":"69001","country":"FR"},'
  .. '"payment":{"cardNumber":"4242424242424242","expiry":"12/39","cvc":"123"}}'

function init(args)
  for line in io.lines(os.getenv("BENCH_WORK") .. "/carts-" .. id .. ".txt") do
    table.insert(carts, line)
  end
end

function request()
  n = n + 1
  local cart = carts[((n - 1) % #carts) + 1]
  return wrk.format("POST", "/api/orders", {
    ["Content-Type"] = "application/json",
    ["Cookie"] = "PERFSHOP_CART=" .. cart,
    ["Idempotency-Key"] = run .. "-" .. id .. "-" .. n,
  }, body)
end
