-- wrk script: POST Open311 requests and count the answers by status, so the benchmark can
-- compare the requests the server accepted with the rows in the database afterwards.
local api_key = os.getenv("OPEN311_API_KEY")
local counter = 0
local threads = {}

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  ok = 0
  failed = 0
  n = 0
end

function request()
  n = n + 1
  local body = "api_key=" .. api_key ..
    "&jurisdiction_id=330100&service_code=pollution&lat=30.25&long=120.15" ..
    "&description=" .. "%E5%A4%9C%E9%97%B4%E6%8E%92%E6%B1%A1+" .. id .. "-" .. n ..
    "&email=bench%40example.org"
  return wrk.format("POST", "/open311/v2/requests.json",
    {["Content-Type"] = "application/x-www-form-urlencoded"}, body)
end

function response(status, headers, body)
  if status == 200 then ok = ok + 1 else failed = failed + 1 end
end

function done(summary, latency, requests)
  local total_ok, total_failed = 0, 0
  for _, thread in ipairs(threads) do
    total_ok = total_ok + thread:get("ok")
    total_failed = total_failed + thread:get("failed")
  end
  io.write(string.format("ACCEPTED %d\nREFUSED %d\n", total_ok, total_failed))
end
