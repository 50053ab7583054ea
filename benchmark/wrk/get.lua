-- GET with the headers given by -H (the direct Home Assistant calls).
package.path = debug.getinfo(1, "S").source:match("@?(.*/)") .. "?.lua;" .. package.path
require "report"
wrk.method = "GET"
