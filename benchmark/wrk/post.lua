-- POST the reference workload's JSON body (the same for the engine's webhook and the bare endpoint).
package.path = debug.getinfo(1, "S").source:match("@?(.*/)") .. "?.lua;" .. package.path
require "report"
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"n":21,"name":"Ada"}'
