-- wrk -s auth.lua http://127.0.0.1:PORT -- KEY[,KEY...]   (the demo's mint)
-- POST /api/v1/authenticate/user for 1 000 partner users in turn; a reply passes when it is 200
-- with an access_token.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local c = dofile(dir .. "common.lua")
local reqs, user = {}, 0

function init(args)
  local keys = c.keys(args[1])
  for i = 0, c.USERS - 1 do
    reqs[i] = c.post("/api/v1/authenticate/user", "application/json", c.authenticate_body(c.key_for(keys, i), i))
  end
  user = c.first_user()
end

function request()
  user = (user + 1) % c.USERS
  return reqs[user]
end

function response(status, headers, body)
  if status == 200 and c.field(body, "access_token") then
    c.turn_done()
  else
    c.fail(status, "without access_token", body)
  end
end

done = c.done("auth")
