package insights_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/apigw-access-logs/apigw-access-logs/components/insights"
	"github.com/apigw-access-logs/apigw-access-logs/components/internal/golden"
)

// describe writes what a reviewer sees for a format: its filter pattern, its queries and what is left out.
func describe(t *testing.T, c formatCase) string {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "# %s (%s)\n%s\n\n", c.name, c.api, c.format)
	pattern, err := insights.FilterPattern5XX(c.format, c.api)
	if err != nil {
		fmt.Fprintf(&b, "5XX filter pattern: none (%v)\n", err)
	} else {
		fmt.Fprintf(&b, "5XX filter pattern: %s\n", pattern)
	}
	queries, skipped, err := insights.Queries(c.format, c.api)
	require.NoError(t, err)
	for _, q := range queries {
		fmt.Fprintf(&b, "\n## %s: %s\nfields: %s\n%s\n", q.Name, q.Description, strings.Join(q.Fields, ", "), q.Text)
	}
	for _, s := range skipped {
		fmt.Fprintf(&b, "\n## %s: left out: %s\n", s.Name, s.Reason)
	}
	return b.String()
}

// The queries and pattern of every preset and custom format, so a change to either shows in review.
func TestGolden(t *testing.T) {
	t.Parallel()
	var presets, custom []string
	for _, c := range presetCases() {
		presets = append(presets, describe(t, c))
	}
	for _, c := range customCases {
		custom = append(custom, describe(t, c))
	}
	golden.Check(t, "presets.golden", strings.Join(presets, "\n"))
	golden.Check(t, "custom.golden", strings.Join(custom, "\n"))
}
