package tests

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pmezard/go-difflib/difflib"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apigw-access-logs/apigw-access-logs/tests/harness"
	"github.com/apigw-access-logs/apigw-access-logs/tests/simaws"
)

var update = flag.Bool("update", false, "rewrite tests/testdata/plan-<stack>.txt from the program")

// stageStacks are the stacks the repository holds: one per Pulumi.<stack>.yaml.
func stageStacks(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(repoRoot, "Pulumi.*.yaml"))
	require.NoError(t, err)
	var stacks []string
	for _, f := range files {
		stacks = append(stacks, strings.TrimSuffix(strings.TrimPrefix(filepath.Base(f), "Pulumi."), ".yaml"))
	}
	require.NotEmpty(t, stacks)
	return stacks
}

// Every stage stack's plan is committed as tests/testdata/plan-<stack>.txt, so a pull request that changes the
// infrastructure shows it as a plain text diff, forks included. A stale file fails with the refresh command.
func TestPlanSnapshots(t *testing.T) {
	stacks := stageStacks(t)
	for _, stack := range stacks {
		t.Run(stack, func(t *testing.T) {
			got, err := harness.Plan(t, repoRoot, stack)
			require.NoError(t, err)
			path := filepath.Join("testdata", "plan-"+stack+".txt")
			if *update {
				require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
				return
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "no committed plan for stack %s; write it with: %s", stack, harness.PlanRefreshCommand)
			if got != string(want) {
				// Only what changed, with two lines around it: the file is a few hundred lines long.
				diff, err := difflib.GetUnifiedDiffString(difflib.UnifiedDiff{
					A: difflib.SplitLines(string(want)), B: difflib.SplitLines(got),
					FromFile: path + " (committed)", ToFile: "the plan now", Context: 2,
				})
				require.NoError(t, err)
				t.Errorf("the plan of stack %s changed:\n%s\nreview it, then refresh the committed plan with: %s",
					stack, diff, harness.PlanRefreshCommand)
			}
		})
	}
	// No plan for a stack that no longer exists.
	files, err := filepath.Glob(filepath.Join("testdata", "plan-*.txt"))
	require.NoError(t, err)
	for _, f := range files {
		stack := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(f), "plan-"), ".txt")
		assert.Contains(t, stacks, stack, "%s has no Pulumi.%s.yaml: delete it", f, stack)
	}
}

// Two renders of the same stack are byte-identical: no random suffixes, timings or map order.
func TestPlanIsStable(t *testing.T) {
	t.Parallel()
	first, err := harness.Plan(t, repoRoot, "dev")
	require.NoError(t, err)
	for range 3 {
		again, err := harness.Plan(t, repoRoot, "dev")
		require.NoError(t, err)
		require.Equal(t, first, again)
	}
}

// Everything a reviewer checks is a known value in the first preview on a fresh account: the managed-policy
// ARN for the stack's partition, the log group name and retention, the trust policy, the format, the stage
// name, the account decision and the sample line.
func TestFirstPreviewShowsKnownValues(t *testing.T) {
	t.Parallel()
	for _, stack := range stageStacks(t) {
		t.Run(stack, func(t *testing.T) {
			t.Parallel()
			s := loadStack(t, simaws.NewAccount(simaws.Options{}), stack)
			preview := s.Preview(t)
			require.NoError(t, preview.Err)
			// The access-log group, the role and the stage are each named access-logs; the execution-log group's
			// name holds the new API's id, which no preview can know.
			inputs := map[string]resource.PropertyMap{}
			for _, st := range preview.ResourceSteps() {
				if st.Name == "access-logs" || st.Type == simaws.TypeRolePolicyAttachment {
					inputs[st.Type] = st.Inputs
				}
			}
			for _, c := range []struct{ typ, key string }{
				{simaws.TypeRolePolicyAttachment, "policyArn"},
				{simaws.TypeLogGroup, "name"},
				{simaws.TypeLogGroup, "retentionInDays"},
				{simaws.TypeRole, "assumeRolePolicy"},
				{simaws.TypeRole, "path"},
				{simaws.TypeStage, "stageName"},
			} {
				v, ok := inputs[c.typ][resource.PropertyKey(c.key)]
				require.True(t, ok, "%s has no input %s", c.typ, c.key)
				assert.False(t, v.ContainsUnknowns(), "%s input %s is unknown in the first preview", c.typ, c.key)
			}
			format := inputs[simaws.TypeStage]["accessLogSettings"].ObjectValue()["format"]
			assert.False(t, format.ContainsUnknowns(), "the stage's format is unknown in the first preview")
			assert.Equal(t, "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs",
				inputs[simaws.TypeRolePolicyAttachment]["policyArn"].StringValue())
			outputs := harness.StackOutputs(preview)
			for _, k := range []string{"sampleAccessLogLine", "accessLogFormat", "logGroupName", "accountAction", "stageName"} {
				v, ok := outputs[resource.PropertyKey(k)]
				require.True(t, ok, "no export %s", k)
				assert.False(t, v.ContainsUnknowns(), "export %s is unknown in the first preview", k)
			}
		})
	}
}
