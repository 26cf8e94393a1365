-- wrk -s pair.lua http://127.0.0.1:PORT -- KEY[,KEY...]   (our sign-in pair)
-- authenticate/user, then open/quote with the token it returned (see signin.lua and common.lua
-- for the checks and the chaining).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local c = dofile(dir .. "common.lua")
local s = dofile(dir .. "signin.lua")(c)
init = s.init
request = s.request

function response(status, headers, body)
  if s.minted(status, body) then return end
  if s.launch(status, body) then
    c.turn_done()
  else
    c.fail(status, "neither access_token nor a url with launch=", body)
  end
end

done = c.done("pair")
