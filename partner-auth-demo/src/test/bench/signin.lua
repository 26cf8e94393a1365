-- The two steps the pair and the landing share (loaded by pair.lua and landing.lua): the mint
-- (authenticate/user, 200 with access_token) and open/quote with that token (200 with a url that
-- carries launch=). Each partner's opportunities cycle through OPP-<partner>-0 ... -999 (the
-- partner read from the token's claim), so every opportunity is its own partner's under the demo's
-- first-partner-wins rule and that table stops growing after the warm-up.
return function(c)
  local S = { reqs = {}, user = 0, opened = 0 }

  function S.init(args)
    local keys = c.keys(args[1])
    for i = 0, c.USERS - 1 do
      S.reqs[i] = c.post("/api/v1/authenticate/user", "application/json", c.authenticate_body(c.key_for(keys, i), i))
    end
    S.user = c.first_user()
    S.opened = S.user
  end

  function S.request()
    local queued = c.next_queued()
    if queued then return queued end
    S.user = (S.user + 1) % c.USERS
    return S.reqs[S.user]
  end

  -- the mint's reply: queues open/quote and says true, or says false when it is not one
  function S.minted(status, body)
    local token = status == 200 and c.field(body, "access_token")
    if not token then return false end
    S.opened = (S.opened + 1) % c.USERS
    local opp = "OPP-" .. (c.token_partner(token) or "x") .. "-" .. S.opened
    c.follow(c.post("/api/v1/open/quote", "application/json",
      '{"opportunity_id":"' .. opp .. '","quote_id":"Q-' .. S.opened .. '"}',
      { ["Authorization"] = "Bearer " .. token }))
    return true
  end

  -- open/quote's reply: the launch URL's path and query, or nil when it is not one
  function S.launch(status, body)
    local url = status == 200 and c.field(body, "url")
    if not url or not string.find(url, "launch=", 1, true) then return nil end
    return string.match(url, "^https?://[^/]+(/.*)$")
  end

  return S
end
