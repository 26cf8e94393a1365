-- wrk -s landing.lua http://127.0.0.1:PORT -- KEY[,KEY...]   (a browser's first three requests)
-- The pair, then the GET of the launch URL with the fetch metadata a browser sends on a
-- cross-site top-level navigation (Sec-Fetch-Mode: navigate, Sec-Fetch-Dest: document,
-- Sec-Fetch-Site: cross-site) and no cookie: it passes when it is a 302/303 to the same page
-- without launch= (the launch code redeemed, the session created).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local c = dofile(dir .. "common.lua")
local s = dofile(dir .. "signin.lua")(c)
init = s.init
request = s.request

function response(status, headers, body)
  if s.minted(status, body) then return end
  local launch = s.launch(status, body)
  if launch then
    c.follow(c.navigate(launch))
    return
  end
  local location = c.header(headers, "Location")
  if (status == 302 or status == 303) and location and not string.find(location, "launch=", 1, true) then
    c.turn_done()
  else
    c.fail(status, "not a token, a launch url, or a redirect without launch=", body)
  end
end

done = c.done("landing")
