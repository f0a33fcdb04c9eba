package tests

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apigw-access-logs/apigw-access-logs/tests/harness"
	"github.com/apigw-access-logs/apigw-access-logs/tests/simaws"
)

// Each provider function is called once per run, whatever number of components needs its answer, and none
// queues up in front of the read of the account setting, which starts the necessary chain on a fresh account:
// the read starts before any lookup that is an AWS call has ended. prod's options need them all (a created
// KMS key: partition, region, caller identity; the access-log group's adoption check).
func TestLookupsRunOnceAndBesideTheRead(t *testing.T) {
	t.Parallel()
	acct := simaws.NewAccount(chainLatencies())
	cfg, err := harness.LoadConfig(repoRoot, "prod")
	require.NoError(t, err)
	s := harness.NewStack("prod", acct, cfg)
	up(t, s)

	calls := map[string]int{}
	var read *simaws.Record
	records := acct.Records()
	for i, r := range records {
		switch {
		case r.Op == simaws.OpInvoke:
			calls[r.Type]++
		case r.Op == simaws.OpRead && r.Type == simaws.TypeAccount:
			read = &records[i]
		}
	}
	assert.Equal(t, map[string]int{
		"aws:index/getPartition:getPartition":           1,
		"aws:index/getRegion:getRegion":                 1,
		"aws:index/getCallerIdentity:getCallerIdentity": 1,
		"aws:cloudwatch/getLogGroups:getLogGroups":      1,
	}, calls)
	require.NotNil(t, read, "the account setting is read")
	for _, r := range records {
		if r.Op == simaws.OpInvoke && chainLatencies().InvokeLatency[r.Type].Max > 0 {
			assert.True(t, read.Start.Before(r.End), "%s ended %v before the read of the setting started",
				r.Type, read.Start.Sub(r.End))
		}
	}
}
