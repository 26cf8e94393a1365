-- wrk -s bare.lua http://127.0.0.1:PORT/api/v1/authenticate/user   (BareServer: the ceiling)
-- The authenticate body (for an unissued key) to a servlet that answers fixed JSON; a reply
-- passes when it is 200 with an access_token field.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local c = dofile(dir .. "common.lua")
local reqs, user = {}, 0

function init(args)
  for i = 0, c.USERS - 1 do
    reqs[i] = c.post(wrk.path, "application/json", c.authenticate_body(c.UNISSUED_KEY, i))
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

done = c.done("bare")
