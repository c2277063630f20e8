-- wrk: readers' mix for `make soak`. Each request takes the next page of the list (articles,
-- home, a category, resolutions, a search), as a browser asking for brotli would. With
-- WRK_DELAY_MS set (milliseconds, fractions allowed), each connection waits that long on
-- average after every answer (wrk counts whole milliseconds: a fraction is a whole one that
-- often): the load is then about connections / (delay + latency) requests a second.
local pages = {
  "/bai-viet/trien-khai-de-an-xay-dung-thanh-pho-thong-minh-khang-dinh-thuong-hieu-vi-the-binh-duong",
  "/",
  "/chuyen-muc/thong-tin-trong-tinh",
  "/nghi-quyet",
  "/tim-kiem?q=ngh%E1%BB%8B+quy%E1%BA%BFt",
  "/so-do-trang",
}
local n = 0
local pause = tonumber(os.getenv("WRK_DELAY_MS") or "0")

request = function()
  n = n + 1
  return wrk.format("GET", pages[(n % #pages) + 1], { ["Accept-Encoding"] = "br" })
end

if pause > 0 then
  local whole = math.floor(pause)
  local fraction = pause - whole
  delay = function()
    if math.random() < fraction then return whole + 1 end
    return whole
  end
end
