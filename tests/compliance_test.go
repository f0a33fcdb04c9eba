package tests

import (
	"slices"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apigw-access-logs/apigw-access-logs/components/policy"
	"github.com/apigw-access-logs/apigw-access-logs/tests/harness"
)

// analyzerResources turns a stack's state into what a policy pack sees: its AWS resources with their
// properties as they exist.
func analyzerResources(s *harness.Stack) []policyx.AnalyzerResource {
	var out []policyx.AnalyzerResource
	for _, r := range s.Resources() {
		deps := make([]string, len(r.Dependencies))
		for i, d := range r.Dependencies {
			deps[i] = string(d)
		}
		propDeps := map[string][]string{}
		for k, urns := range r.PropertyDependencies {
			for _, u := range urns {
				propDeps[string(k)] = append(propDeps[string(k)], string(u))
			}
		}
		out = append(out, policyx.AnalyzerResource{
			Type: string(r.Type), Name: r.URN.Name(), URN: string(r.URN),
			Properties:           resource.FromResourcePropertyMap(r.Outputs),
			Dependencies:         deps,
			PropertyDependencies: propDeps,
		})
	}
	return out
}

// failing returns the policies a deployed stack fails, with their messages.
func failing(t *testing.T, s *harness.Stack) (names []string, messages string) {
	t.Helper()
	verdicts, err := policy.Evaluate(t.Context(), analyzerResources(s), policy.ComplianceConfig())
	require.NoError(t, err)
	var msgs []string
	for _, v := range verdicts {
		if !v.Pass() {
			names = append(names, v.Policy)
			msgs = append(msgs, v.Violations...)
		}
	}
	return names, strings.Join(msgs, "\n")
}

// The committed prod config, deployed on the simulated AWS, passes every rule of the compliance table: each
// policy of the pack, run on what was created, finds nothing. Turning a setting off names the rule it breaks.
func TestProdIsCompliantAsCommitted(t *testing.T) {
	t.Parallel()
	acct := newAccount(90)
	prod := loadStack(t, acct, "prod")
	up(t, prod)
	names, messages := failing(t, prod)
	assert.Empty(t, names, "prod fails compliance rules:\n%s", messages)
}

// The dev config keeps cheap defaults and fails exactly these rules, as the README's compliance table says.
func TestDevFailsExactlyTheRulesTheREADMEListsForIt(t *testing.T) {
	t.Parallel()
	acct := newAccount(91)
	dev := loadStack(t, acct, "dev")
	up(t, dev)
	names, messages := failing(t, dev)
	assert.Equal(t, devFails, names, "dev's failing policies:\n%s", messages)
	for _, id := range []string{"Security Hub APIGateway.1", "Security Hub APIGateway.3", "Security Hub CloudWatch.16",
		"Checkov CKV_AWS_158"} {
		assert.Contains(t, messages, id)
	}
}

// devFails are the policies dev fails; the README's compliance table marks the same rules ✗ for dev.
var devFails = []string{"log-group-retention", "log-group-kms", "rest-stage-xray", "stage-execution-logging"}

// Each switch of prod's compliance config, turned off, fails the rule it is there for, naming its ID.
func TestProdSwitchOffFailsItsRule(t *testing.T) {
	t.Parallel()
	cases := []struct{ key, value, rule string }{
		{"xrayTracing", "false", "Security Hub APIGateway.3"},
		{"executionLogging", "off", "Security Hub APIGateway.1"},
		{"kmsKey", "", "Checkov CKV_AWS_158"},
		{"retentionInDays", "90", "Security Hub CloudWatch.16"},
		{"detailedMetrics", "false", "Checkov CKV2_AWS_4"},
	}
	for i, c := range cases {
		t.Run(c.key, func(t *testing.T) {
			t.Parallel()
			acct := newAccount(uint64(92 + i))
			prod := loadStack(t, acct, "prod")
			prod.Set(c.key, c.value)
			up(t, prod)
			names, messages := failing(t, prod)
			require.NotEmpty(t, names, "turning %s to %q broke no rule", c.key, c.value)
			assert.Contains(t, messages, c.rule)
			assert.True(t, slices.ContainsFunc(strings.Split(messages, "\n"), func(m string) bool { return strings.Contains(m, c.rule) }))
		})
	}
}
