package apigwlogs_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apigw-access-logs/apigw-access-logs/components/apigwlogs"
	"github.com/apigw-access-logs/apigw-access-logs/components/internal/mocks"
)

// A log-group destination known when the program runs gets the resource policy that lets delivery write into
// it; an S3 destination, or one another resource computes, gets none (whether it exists cannot wait for a
// value known only later).
func TestExecutionLogDeliveryGrantsKnownLogGroups(t *testing.T) {
	t.Parallel()
	const policyType = "aws:cloudwatch/logResourcePolicy:LogResourcePolicy"
	group := "arn:aws:logs:us-east-1:123456789012:log-group:/platform/execution"
	for _, tt := range []struct {
		name        string
		destination pulumi.StringInput
		policies    int
	}{
		{"known log group", pulumi.String(group), 1},
		{"created log group", pulumi.String(apigwlogs.ExecutionLogDestinationCreate), 1},
		{"S3 bucket", pulumi.String("arn:aws:s3:::platform-logs"), 0},
		{"computed ARN", pulumi.String(group).ToStringOutput(), 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rec, _, err := run(t, "dev", mocks.AWS(""), func() *apigwlogs.AccessLoggingArgs {
				a := baseArgs()
				a.ExecutionLogging, a.ExecutionLogDestination = apigwlogs.ExecutionLoggingError, tt.destination
				return a
			})
			require.NoError(t, err)
			require.Len(t, rec.OfType("aws:cloudwatch/logDelivery:LogDelivery"), 1)
			policies := rec.OfType(policyType)
			require.Len(t, policies, tt.policies)
			for _, p := range policies {
				assert.Contains(t, p.Input("policyDocument"), ":log-stream:*")
			}
		})
	}
}
