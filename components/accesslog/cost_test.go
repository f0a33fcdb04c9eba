package accesslog_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
	"github.com/apigw-access-logs/apigw-access-logs/components/internal/golden"
)

func TestPerMillion(t *testing.T) {
	t.Parallel()
	// A million lines of 1073.741824 bytes are one GB (2^30 bytes): the price of one GB.
	assert.InDelta(t, 0.50, accesslog.PerMillion(1074, accesslog.StandardPricePerGB), 0.0005)
	assert.InDelta(t, 0.25, accesslog.PerMillion(1074, accesslog.InfrequentAccessPricePerGB), 0.0005)
	assert.Equal(t, 0.0, accesslog.PerMillion(0, accesslog.StandardPricePerGB))
	assert.Equal(t, 1<<30, accesslog.BytesPerGB)
	assert.Equal(t, 26, accesslog.EventOverheadBytes)
}

// Fixed figures, worked out by hand from AWS's prices ($0.50 and $0.25 per GB of 2^30 bytes, +26 bytes per
// event): a format whose sample line is 1048 bytes costs (1048 × 10^6 / 2^30) × $0.50 = $0.4880 per million
// requests, and (1074 × 10^6 / 2^30) × $0.50 = $0.5001 with the overhead.
func TestEstimate(t *testing.T) {
	t.Parallel()
	format := "$context.requestId " + strings.Repeat("x", 1048-len(accesslog.Example(accesslog.RequestID))-1)
	got, err := accesslog.Estimate(format, accesslog.REST)
	require.NoError(t, err)
	assert.Equal(t, 1048, got.Bytes)
	assert.InDelta(t, 0.4880, got.StandardPerMillion, 0.00005)
	assert.InDelta(t, 0.2440, got.InfrequentAccessPerMillion, 0.00005)
	assert.InDelta(t, 0.5001, got.StandardPerMillionWithOverhead, 0.00005)
	assert.InDelta(t, 0.2501, got.InfrequentAccessPerMillionWithOverhead, 0.00005)
	for _, c := range presetCases() {
		got, err := accesslog.Estimate(c.format, c.api)
		require.NoError(t, err, c.name)
		line, err := accesslog.Sample(c.format, c.api)
		require.NoError(t, err)
		assert.Equal(t, len(line), got.Bytes, "%s: got %d bytes, want len(sample) %d", c.name, got.Bytes, len(line))
	}
	_, err = accesslog.Estimate("$context.requestId $context.routeKey", accesslog.REST)
	assert.ErrorIs(t, err, accesslog.ErrWrongAPI)
}

// presetTable is the README's preset table, computed.
func presetTable(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("| Preset | API | Shape | Bytes/line | $ per million requests, Standard | $ per million requests, IA | With +26 B/event, Standard / IA |\n")
	b.WriteString("|---|---|---|--:|--:|--:|--:|\n")
	for _, c := range presetCases() {
		got, err := accesslog.Estimate(c.format, c.api)
		require.NoError(t, err)
		fmt.Fprintf(&b, "| `%s` | %s | %s | %d | %.4f | %.4f | %.4f / %.4f |\n", c.name, c.api, accesslog.DetectShape(c.format),
			got.Bytes, got.StandardPerMillion, got.InfrequentAccessPerMillion,
			got.StandardPerMillionWithOverhead, got.InfrequentAccessPerMillionWithOverhead)
	}
	return b.String()
}

// The README shows the table this package computes; a change to a preset, an example or a price shows up
// here first.
func TestPresetTableGoldenAndInREADME(t *testing.T) {
	t.Parallel()
	table := presetTable(t)
	golden.Check(t, "presets.md", table)
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	require.NoError(t, err)
	assert.True(t, strings.Contains(string(readme), table), "README.md's preset table is stale: paste testdata/presets.md into it")
	for _, c := range presetCases() {
		sample, err := accesslog.Sample(c.format, c.api)
		require.NoError(t, err)
		assert.True(t, strings.Contains(string(readme), "\n"+sample+"\n"), "README.md's sample line for %s is stale: want\n%s", c.name, sample)
	}
}
