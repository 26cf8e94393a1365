-- The two steps the pair and the landing share (loaded by pair.lua and landing.lua): the mint
-- (authenticate/user, 200 with access_token) and open/quote with that token (200 with a url that
-- carries launch=). The token's user opens OPP-<partner>-<user> (both read from the token's
-- claims), so every opportunity is its own partner's under the demo's first-partner-wins rule and
-- the set is bounded by the users (USERS): the demo's owner table stops growing after the
-- warm-up and its cache of owners answers every later launch. (Until 2026-12-08 a counter of the
-- thread picked the opportunity, independent of the user, so with 200 partners the set grew to
-- 200 x 1000 and each open/quote claimed a new opportunity: two statements of the demo's own.)
return function(c)
  local S = { reqs = {}, user = 0 }

  function S.init(args)
    local keys = c.keys(args[1])
    for i = 0, c.USERS - 1 do
      S.reqs[i] = c.post("/api/v1/authenticate/user", "application/json", c.authenticate_body(c.key_for(keys, i), i))
    end
    S.user = c.first_user()
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
    local user = c.token_claim(token, "sub") or "x"
    local opp = "OPP-" .. (c.token_claim(token, "prt") or "x") .. "-" .. user
    c.follow(c.post("/api/v1/open/quote", "application/json",
      '{"opportunity_id":"' .. opp .. '","quote_id":"Q-' .. user .. '"}',
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
