package policy_test

import (
	"fmt"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The helpers the config tests share with components/policy's own tests; the two modules cannot share test
// files, and a helper package in the root module would be downloaded by every importer.

// seedLogGroup is the seed port's access-log group with the given retention, as the engine hands it to a
// policy.
func seedLogGroup(retention any) policyx.AnalyzerResource {
	const typ, name = "aws:cloudwatch/logGroup:LogGroup", "seed-access-logs"
	return policyx.AnalyzerResource{
		Type: typ,
		Name: name,
		URN:  string(resource.NewURN("dev", "seed", "", tokens.Type(typ), name)),
		Properties: resource.FromResourcePropertyMap(resource.NewPropertyMapFromMap(map[string]any{
			"name": "/aws/apigateway/seed-access-logs", "retentionInDays": retention,
		})),
	}
}

// recorder is a policyx.PolicyManager that keeps the messages it is told.
type recorder struct{ messages []string }

func (r *recorder) ReportViolation(message, _ string) { r.messages = append(r.messages, message) }

// validate runs a resource policy on one resource with a policy config and returns its violations.
func validate(t *testing.T, p policyx.ResourceValidationPolicy, r policyx.AnalyzerResource, config map[string]any) []string {
	t.Helper()
	rec := &recorder{}
	require.NoError(t, p.Validate(t.Context(), policyx.ResourceValidationArgs{Manager: rec, Resource: r, Config: config}))
	return rec.messages
}

// assertViolations checks that there is one violation per wanted rule ID, each naming the resource and its
// rule ID.
func assertViolations(t *testing.T, got []string, r policyx.AnalyzerResource, ruleIDs ...string) {
	t.Helper()
	require.Len(t, got, len(ruleIDs), "got violations %v, want one per rule ID %v", got, ruleIDs)
	for i, message := range got {
		assert.Contains(t, message, fmt.Sprintf("%s %q", r.Type, r.Name), "violation %d names the resource", i)
		assert.Contains(t, message, ruleIDs[i], "violation %d names the rule ID", i)
	}
}
