package insights_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
	"github.com/apigw-access-logs/apigw-access-logs/components/insights"
)

// Every pattern matches 5XX lines and no other, under the documented semantics (matcher_test.go), for every
// preset and custom format. The misses include a 2XX line whose every other variable holds "502", so a
// pattern that finds a 5XX-looking value in the wrong place fails.
func TestFilterPattern5XXMatchesOnly5XX(t *testing.T) {
	t.Parallel()
	for _, c := range allCases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			pattern, err := insights.FilterPattern5XX(c.format, c.api)
			require.NoError(t, err)
			hits := []string{
				render(t, c, "502", example),
				render(t, c, "500", example),
				render(t, c, "599", constant("200")),
			}
			misses := []string{
				render(t, c, "200", example),
				render(t, c, "404", example),
				render(t, c, "200", constant("502")),
				render(t, c, "499", constant("500")),
			}
			for _, line := range hits {
				got, err := filterMatch(pattern, line)
				require.NoError(t, err, "pattern %s", pattern)
				assert.True(t, got, "pattern %s does not match the 5XX line %s", pattern, line)
			}
			for _, line := range misses {
				got, err := filterMatch(pattern, line)
				require.NoError(t, err, "pattern %s", pattern)
				assert.False(t, got, "pattern %s matches the non-5XX line %s", pattern, line)
			}
		})
	}
}

// The pattern follows the format's shape and where the status sits, and a custom format changes it.
func TestFilterPattern5XXByShape(t *testing.T) {
	t.Parallel()
	custom := map[string]formatCase{}
	for _, c := range customCases {
		custom[c.name] = c
	}
	preset := func(name string, api accesslog.APIType) formatCase {
		f, ok := accesslog.Preset(name, api)
		require.True(t, ok, name)
		return formatCase{name, api, f}
	}
	cases := []struct {
		c    formatCase
		want string
	}{
		// The json presets write the status inside a string: a string comparison with a wildcard.
		{preset("json", accesslog.REST), `{ $.status = "5*" }`},
		{preset("clf", accesslog.REST),
			`[sourceIp, caller, user, requestTime, f5, status=5*, responseLength, requestId, extendedRequestId]`},
		{preset("http-clf", accesslog.HTTP),
			`[sourceIp, f2, f3, requestTime, f5, status=5*, responseLength, requestId, extendedRequestId]`},
		{preset("csv", accesslog.REST), `%^[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,5\d\d,%`},
		{preset("xml", accesslog.REST), `%\x3Cstatus\x3E5\d\d\x3C/status\x3E%`},
		{custom["custom-csv"], `%^[^,]*,[^,]*,[^,]*,5\d\d,%`},
		{custom["custom-csv-status-last"], `%,5\d\d$%`},
		// A bare number is compared as a number.
		{custom["custom-json-numbers"], `{ $.res.status >= 500 && $.res.status <= 599 }`},
		{custom["custom-json-summary"], `{ $.summary = %^.*\x20.*\x20-\x3E\x205\d\d$% }`},
		{custom["custom-json-dotted"], `{ $.['http.status'] = "5*" }`},
		{custom["custom-clf-agent-last"], `[requestId, status=5*, ...]`},
		{custom["custom-clf-agent-first"], `[..., status=5*, requestId]`},
		{custom["custom-clf-grouped"], `[requestId, f2=%^.*\x20.*\x205\d\d$%, responseLatency]`},
		{custom["custom-xml-attribute"], `%\x3Cr\x20status=\x225\d\d\x22\x20id=\x22%`},
	}
	for _, tc := range cases {
		got, err := insights.FilterPattern5XX(tc.c.format, tc.c.api)
		require.NoError(t, err, tc.c.name)
		assert.Equal(t, tc.want, got, "%s: got the left, want the right", tc.c.name)
	}
}

func TestFilterPattern5XXErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, format string
		api          accesslog.APIType
		want         string
	}{
		{"no status", `$context.requestId $context.identity.sourceIp`, accesslog.REST, "has no $context.status"},
		{"CSV free text on both sides", `"$context.identity.userAgent",$context.status,"$context.error.message",` +
			`$context.requestId`, accesslog.REST, "both sides of $context.status"},
		{"CLF free text on both sides", `$context.identity.userAgent $context.status $context.error.message ` +
			`$context.requestId`, accesslog.REST, "both sides of $context.status"},
		{"not valid for the API type", `$context.requestId $context.status $context.resourcePath`, accesslog.HTTP,
			"$context.resourcePath"},
	}
	for _, c := range cases {
		_, err := insights.FilterPattern5XX(c.format, c.api)
		require.Error(t, err, c.name)
		assert.Contains(t, err.Error(), c.want, c.name)
	}
}
