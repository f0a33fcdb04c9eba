package policy_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apigw-access-logs/apigw-access-logs/components/policy"
)

// Evaluate runs every policy once, in order, with its config, and says which rule IDs each covers.
func TestEvaluateJudgesAStackWithEveryPolicy(t *testing.T) {
	t.Parallel()
	group := res(logGroupType, "seed-logs", map[string]any{"name": "/aws/apigateway/seed-access-logs", "retentionInDays": 30})
	verdicts, err := policy.Evaluate(t.Context(), []policyx.AnalyzerResource{seedStage(nil), group}, policy.ComplianceConfig())
	require.NoError(t, err)
	require.Len(t, verdicts, len(policy.Policies()))
	byName := map[string]policy.Verdict{}
	for i, v := range verdicts {
		assert.Equal(t, policy.Policies()[i].Name(), v.Policy)
		byName[v.Policy] = v
	}
	assert.False(t, byName["stage-access-logging"].Pass(), "the seed port's stage has no access logs")
	assert.Contains(t, byName["stage-access-logging"].RuleIDs, "Checkov CKV_AWS_76")
	assert.Contains(t, byName["stage-access-logging"].RuleIDs, "Security Hub APIGateway.9")
	assert.False(t, byName["log-group-retention"].Pass(), "30 days is under the compliance minimum of 365")
	assert.False(t, byName["log-group-kms"].Pass(), "the compliance config requires a key")
	assert.True(t, byName["access-log-request-id"].Pass())
	assert.Equal(t, "API Gateway developer guide (no scanner rule ID)", byName["access-log-request-id"].RuleIDs)

	// Without the compliance config the defaults apply: KMS is not required.
	verdicts, err = policy.Evaluate(t.Context(), []policyx.AnalyzerResource{group}, nil)
	require.NoError(t, err)
	for _, v := range verdicts {
		if v.Policy == "log-group-kms" {
			assert.True(t, v.Pass())
		}
	}
}
