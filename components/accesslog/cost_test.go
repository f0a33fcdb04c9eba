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

func TestEstimate(t *testing.T) {
	t.Parallel()
	for _, c := range presetCases() {
		got, err := accesslog.Estimate(c.format, c.api)
		require.NoError(t, err, c.name)
		line, err := accesslog.Sample(c.format, c.api)
		require.NoError(t, err)
		assert.Equal(t, len(line), got.Bytes, "%s: got %d bytes, want len(sample) %d", c.name, got.Bytes, len(line))
		assert.InDelta(t, float64(got.Bytes)*1e6/(1<<30)*0.50, got.StandardPerMillion, 1e-12, c.name)
		assert.InDelta(t, got.StandardPerMillion/2, got.InfrequentAccessPerMillion, 1e-12, c.name)
		assert.InDelta(t, float64(got.Bytes+26)*1e6/(1<<30)*0.50, got.StandardPerMillionWithOverhead, 1e-12, c.name)
		assert.InDelta(t, got.StandardPerMillionWithOverhead/2, got.InfrequentAccessPerMillionWithOverhead, 1e-12, c.name)
	}
	_, err := accesslog.Estimate("$context.requestId $context.routeKey", accesslog.REST)
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
	golden(t, "presets.md", table)
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	require.NoError(t, err)
	assert.True(t, strings.Contains(string(readme), table), "README.md's preset table is stale: paste testdata/presets.md into it")
	for _, c := range presetCases() {
		sample, err := accesslog.Sample(c.format, c.api)
		require.NoError(t, err)
		assert.True(t, strings.Contains(string(readme), "\n"+sample+"\n"), "README.md's sample line for %s is stale: want\n%s", c.name, sample)
	}
}
