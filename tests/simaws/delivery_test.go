package simaws

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/property"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The rules of execution-log delivery, each as AWS enforces it (see delivery.go for the sources).
func TestExecutionLogDeliveryRules(t *testing.T) {
	t.Parallel()
	a := NewAccount(Options{})
	p := a.Provider()
	a.SetCloudWatchRoleARN(a.SeedRole("logs-role", trustAPIGateway, pushToCloudWatchPolicyARN("aws")))
	api, dep := restAPI(t, p, true)
	group, _ := mustCreate(t, p, TypeLogGroup, "access", props("name", "/apigateway/access"))
	mustCreate(t, p, TypeStage, "dev", props("restApi", api, "deployment", dep, "stageName", "dev",
		"accessLogSettings", map[string]property.Value{
			"destinationArn": property.New(a.logGroupARN(group)), "format": property.New("$context.requestId"),
		}))
	stageARN := "arn:aws:apigateway:" + a.region + ":" + a.id + ":/restapis/" + api + "/stages/dev"
	source := func(name, arn string) error {
		_, _, err := create(t, p, TypeLogDeliverySource, name, props("name", name, "logType", "EXECUTION_LOGS", "resourceArn", arn))
		return err
	}

	// A source before the stage logs is refused.
	assert.ErrorContains(t, source("early", stageARN), "execution logging is not enabled")
	// So is one for an HTTP or WebSocket stage, and one for a stage of another account.
	assert.ErrorContains(t, source("v2", "arn:aws:apigateway:"+a.region+":"+a.id+":/apis/abc123/stages/dev"), "REST API stages only")
	assert.ErrorContains(t, source("elsewhere", "arn:aws:apigateway:"+a.region+":111111111111:/restapis/"+api+"/stages/dev"), "not in account")

	// Once the stage logs at ERROR, the source is created; a second source for the same stage is refused.
	mustCreate(t, p, TypeMethodSettings, "settings", props("restApi", api, "stageName", "dev", "methodPath", "*/*",
		"settings", map[string]property.Value{"loggingLevel": property.New("ERROR")}))
	require.NoError(t, source("dev", stageARN))
	assert.ErrorContains(t, source("dev-again", stageARN), "This ResourceId has already been used in another Delivery Source")

	destination := func(name, arn string) (string, error) {
		_, out, err := create(t, p, TypeLogDeliveryDestination, name, props("name", name,
			"deliveryDestinationConfiguration", map[string]property.Value{"destinationResourceArn": property.New(arn)}))
		if err != nil {
			return "", err
		}
		return out.Get("arn").AsString(), nil
	}
	delivery := func(name, destinationARN string) error {
		_, _, err := create(t, p, TypeLogDelivery, name, props("deliverySourceName", "dev", "deliveryDestinationArn", destinationARN))
		return err
	}
	_, err := destination("topic", "arn:aws:sns:"+a.region+":"+a.id+":alarms")
	assert.ErrorContains(t, err, "is not a log group, S3 bucket or Firehose stream")

	// A log group without the resource policy that lets delivery.logs.amazonaws.com write to it is refused.
	target, _ := mustCreate(t, p, TypeLogGroup, "target", props("name", "/apigateway/execution"))
	toGroup, err := destination("to-group", a.logGroupARN(target))
	require.NoError(t, err)
	assert.ErrorContains(t, delivery("d1", toGroup), "AccessDeniedException")
	mustCreate(t, p, TypeLogResourcePolicy, "grant", props("policyName", "grant", "policyDocument",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"delivery.logs.amazonaws.com"},`+
			`"Action":["logs:CreateLogStream","logs:PutLogEvents"],"Resource":"`+a.logGroupARN(target)+`:log-stream:*"}]}`))
	require.NoError(t, delivery("d1", toGroup))

	// A bucket whose policy does not let CloudWatch Logs write, and that the caller may not change, is refused;
	// a missing stream too.
	refusing := a.SeedBucket("locked-logs", false)
	toLocked, err := destination("to-locked", refusing)
	require.NoError(t, err)
	assert.ErrorContains(t, delivery("d2", toLocked), "AccessDeniedException")
	toBucket, err := destination("to-bucket", a.SeedBucket("open-logs", true))
	require.NoError(t, err)
	require.NoError(t, delivery("d3", toBucket))
	toMissing, err := destination("to-missing", "arn:aws:firehose:"+a.region+":"+a.id+":deliverystream/missing")
	require.NoError(t, err)
	assert.ErrorContains(t, delivery("d4", toMissing), "ResourceNotFoundException")
	toStream, err := destination("to-stream", a.SeedDeliveryStream("logs"))
	require.NoError(t, err)
	require.NoError(t, delivery("d5", toStream))
}
