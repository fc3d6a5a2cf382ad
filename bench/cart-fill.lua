-- Phase 1 of the checkout benchmark: anonymous shoppers each put one product in a NEW cart (no
-- cookie sent, so every request creates a cart). The cart cookies are saved, one file per wrk
-- thread, for phase 2. Products come from the command line (ids with plenty of stock).
dofile(os.getenv("BENCH_DIR") .. "/report.lua")

local products = {}
local out
local n = 0

function init(args)
  for pid in string.gmatch(args[1], "[^,]+") do
    table.insert(products, pid)
  end
  out = io.open(os.getenv("BENCH_WORK") .. "/carts-" .. id .. ".txt", "a")
  n = id * 13
end

function request()
  n = n + 1
  local body = '{"productId":' .. products[(n % #products) + 1] .. ',"quantity":1}'
  return wrk.format("POST", "/api/cart/items", {["Content-Type"] = "application/json"}, body)
end

function response(status, headers, body)
  count_status(status)
  local cookie = headers["Set-Cookie"] or headers["set-cookie"]
  if status == 200 and cookie then
    local token = string.match(cookie, "PERFSHOP_CART=([^;]+)")
    if token then
      out:write(token, "\n")
      out:flush()
    end
  end
end
