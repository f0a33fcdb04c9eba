package insights_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The matcher is itself checked against the examples of the filter pattern syntax page, so the pattern
// tests rest on the page and not on the matcher's own reading.
func TestFilterMatchPageExamples(t *testing.T) {
	t.Parallel()
	const event = `{"eventType":"UpdateTrail","sourceIPAddress":"111.111.111.111","arrayKey":["value","another value"],` +
		`"objectList":[{"name":"a","id":1},{"name":"b","id":2}],"SomeObject":null,"cluster.name":"c"}`
	const clf = `127.0.0.1 Prod frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534`
	cases := []struct {
		pattern, message string
		want             bool
	}{
		{`{ $.eventType = "UpdateTrail" }`, event, true},
		{`{ $.eventType = "Update" }`, event, false},
		{`{ $.eventType = "*Trail" }`, event, true},
		{`{ $.eventType = "Update*" }`, event, true},
		{`{ $.eventType = "Up*ail" }`, event, false}, // a wildcard inside matches only itself
		{`{ $.eventType = %Trail% }`, event, true},
		{`{ $.arrayKey[0] = "value" }`, event, true},
		{`{ $.objectList[1].id = 2 }`, event, true},
		{`{ $.objectList[1].id = "2" }`, event, false}, // quoted: a string condition on a number node
		{`{ $.['cluster.name'] = "c" }`, event, true},
		{`{ $.objectList = 1 }`, event, false}, // the selector points at an array
		{`{ $.objectList[0].id >= 1 && $.objectList[1].id <= 2 }`, event, true},
		{`{ $.objectList[0].id >= 1 && $.objectList[1].id < 2 }`, event, false},
		{`[ip=%127\.0\.0\.[1-9]%, user, username, timestamp, request =*.html*, status_code = 4*, bytes]`, clf, true},
		{`[ip, user, username, timestamp, request =*.html*, status_code = 5*, bytes]`, clf, false},
		{`[..., request =*.html*, status_code = 4*, bytes]`, clf, true},
		{`[ip, user, ...]`, clf, true},
		{`[ip, user, username, timestamp, request, status_code]`, clf, false}, // one field short
		{`%AUTHORIZED%`, `[ERROR 401] UNAUTHORIZED REQUEST`, true},
		{`%^[hc]at%`, `that`, false},
		{`%colou?r%`, `color`, true},
		{`%10\.10\.0\.1%`, `10010,051`, false},
		{`%\x3A%`, `a:b`, true},
	}
	for _, c := range cases {
		got, err := filterMatch(c.pattern, c.message)
		require.NoError(t, err, c.pattern)
		assert.Equal(t, c.want, got, "%s on %s", c.pattern, c.message)
	}
}

// Patterns the page rejects fail in the matcher.
func TestFilterMatchRejects(t *testing.T) {
	t.Parallel()
	for _, pattern := range []string{
		`%something!%`, // "!" is not supported
		`%(a|b)%`,      // no parentheses
		`%<status>5%`,  // "<" and ">" are not supported symbols
		`%a b%`,        // nor is a space
		`%é%`,          // multi-byte
	} {
		_, err := filterMatch(pattern, `x`)
		assert.Error(t, err, pattern)
	}
}
