-- Catalogue reads as a browsing shopper does them: listing pages, a category, a search, sorting,
-- product details. Paths rotate so no single response is all that is measured.
dofile(os.getenv("BENCH_DIR") .. "/report.lua")

local paths = {}
local n = 0

function init(args)
  for page = 0, 4 do
    table.insert(paths, "/api/products?page=" .. page .. "&size=20")
  end
  for _, c in ipairs({"books", "kitchen", "office", "toys"}) do
    table.insert(paths, "/api/products?category=" .. c .. "&sort=-price")
  end
  for _, q in ipairs({"lamp", "wireless", "vintage"}) do
    table.insert(paths, "/api/products?q=" .. q)
  end
  for id = 1, 300, 23 do
    table.insert(paths, "/api/products/" .. id)
  end
  table.insert(paths, "/api/categories")
  n = id * 7
end

function request()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
