package tests

import (
	"testing"

	lt "github.com/pulumi/pulumi/pkg/v3/engine/lifecycletest/framework"
	"github.com/pulumi/pulumi/pkg/v3/resource/deploy"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apigw-access-logs/apigw-access-logs/components/apigwlogs"
	"github.com/apigw-access-logs/apigw-access-logs/components/program"
	"github.com/apigw-access-logs/apigw-access-logs/tests/harness"
	"github.com/apigw-access-logs/apigw-access-logs/tests/simaws"
)

// computedFormatProgram is an importer's program whose access-log format another resource of the same update
// computes: a log group's ARN goes into every line.
func computedFormatProgram(ctx *pulumi.Context) error {
	demo, err := program.NewDemoAPI(ctx, "demo-api", nil)
	if err != nil {
		return err
	}
	other, err := apigwlogs.NewLogGroup(ctx, "audit", &apigwlogs.LogGroupArgs{DeleteOnDestroy: true})
	if err != nil {
		return err
	}
	logging, err := apigwlogs.NewAccessLogging(ctx, "access-logs", &apigwlogs.AccessLoggingArgs{
		APIID:        demo.APIID,
		DeploymentID: demo.DeploymentID,
		StageName:    pulumi.String("dev"),
		AccessLogFormat: pulumi.Sprintf(`{"requestId":"$context.requestId","status":"$context.status","group":"%s"}`,
			other.ARN),
		Alarm5XXThreshold: 1,
		DeleteOnDestroy:   true,
	})
	if err != nil {
		return err
	}
	ctx.Export("savedQueries", logging.SavedQueries)
	ctx.Export("alarm5xxFilterPattern", logging.Alarm5XXFilterPattern)
	ctx.Export("accessLogFormat", logging.AccessLogFormat)
	return nil
}

// A format computed by another resource of the same update never stops a preview or an update: the program does
// not wait for it, and what the format decides (the saved queries, the 5XX filter and alarm) is written once it
// resolves. The second up changes nothing.
func TestComputedFormatPreviewsDeploysAndConverges(t *testing.T) {
	t.Parallel()
	acct := newAccount(31)
	s := harness.NewStack("dev", acct, nil)
	s.Program = computedFormatProgram

	preview := s.Preview(t)
	require.NoError(t, preview.Err, "the first preview, with the format unknown")
	assert.Contains(t, preview.StepsOf(deploy.OpCreate), "aws:apigateway/stage:Stage::access-logs")

	up(t, s)
	group := s.Output("accessLogFormat")
	assert.Contains(t, group, `"group":"arn:aws:logs:`, "the stage logs the computed format")
	assert.Equal(t, `{ $.status = "5*" }`, s.Output("alarm5xxFilterPattern"),
		"the 5XX filter is written from the resolved format")
	var queries []string
	for _, o := range acct.ObjectsOf(simaws.TypeQueryDefinition) {
		queries = append(queries, o.Str("name"))
	}
	assert.Contains(t, queries, "apigw-access-logs/dev/access-logs/5xx-responses")
	assert.Len(t, acct.ObjectsOf(simaws.TypeMetricAlarm), 1)

	for _, op := range []func(lt.TB) *harness.Result{s.Preview, s.Up} {
		res := op(t)
		require.NoError(t, res.Err)
		assert.Equal(t, len(res.ResourceSteps()), res.Ops()[deploy.OpSame], "nothing changes: %v", res.Steps)
	}
}
