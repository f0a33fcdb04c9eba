package program_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
	"github.com/apigw-access-logs/apigw-access-logs/components/apigwlogs"
	"github.com/apigw-access-logs/apigw-access-logs/components/internal/mocks"
	"github.com/apigw-access-logs/apigw-access-logs/components/program"
)

const project = "apigw-access-logs"

// runProgram runs the whole program with config given by short keys.
func runProgram(t *testing.T, stack string, cfg map[string]string) (*mocks.Recorder, error) {
	t.Helper()
	full := map[string]string{"aws:region": "us-east-1"}
	for k, v := range cfg {
		full[project+":"+k] = v
	}
	return mocks.Run(project, stack, full, mocks.AWS(""), program.Run)
}

// loadConfig runs LoadConfig on the mocks, with config given by short keys, as `pulumi up` would hand it over.
func loadConfig(t *testing.T, cfg map[string]string) (*program.Config, error) {
	t.Helper()
	full := map[string]string{}
	for k, v := range cfg {
		full[project+":"+k] = v
	}
	var got *program.Config
	_, err := mocks.Run(project, "dev", full, mocks.AWS(""), func(ctx *pulumi.Context) (err error) {
		got, err = program.LoadConfig(ctx)
		return err
	})
	return got, err
}

func one(t *testing.T, rec *mocks.Recorder, typ string) mocks.Resource {
	t.Helper()
	got := rec.OfType(typ)
	require.Len(t, got, 1, "resources of type %s", typ)
	return got[0]
}

func TestConfigDefaults(t *testing.T) {
	t.Parallel()
	cfg, err := loadConfig(t, map[string]string{"stageName": "dev"})
	require.NoError(t, err)
	// Keys left out leave their fields at the zero value, which is each field's safe default.
	assert.Equal(t, &program.Config{Args: apigwlogs.AccessLoggingArgs{StageName: pulumi.String("dev")}}, cfg)
}

// Each key lands in the field of the same name, parsed from its text.
func TestConfigOverrides(t *testing.T) {
	t.Parallel()
	custom := "$context.requestId   $context.status\n"
	cfg, err := loadConfig(t, map[string]string{
		"stageName":                   "prod_v2",
		"retentionInDays":             "365",
		"accessLogFormat":             custom,
		"accountSetting":              "manage",
		"cloudWatchRoleArn":           "arn:aws:iam::123456789012:role/apigw-logs",
		"apiId":                       "a1b2c3d4e5",
		"tags":                        `{"team":"payments","env":"prod"}`,
		"executionLogging":            "info",
		"dataTrace":                   "true",
		"detailedMetrics":             "true",
		"executionLogRetentionInDays": "3653",
		"adoptExecutionLogGroup":      "true",
		"kmsKey":                      "create",
		"deleteOnDestroy":             "true",
		"disableSavedQueries":         "true",
		"alarm5xxThreshold":           "5",
		"alarmTopicArn":               "arn:aws:sns:us-east-1:123456789012:alarms",
		"xrayTracing":                 "true",
	})
	require.NoError(t, err)
	assert.Equal(t, &program.Config{
		APIID: "a1b2c3d4e5",
		Args: apigwlogs.AccessLoggingArgs{
			StageName:                   pulumi.String("prod_v2"),
			RetentionInDays:             pulumi.Int(365),
			AccessLogFormat:             pulumi.String(custom),
			AccountSetting:              apigwlogs.AccountManage,
			CloudWatchRoleARN:           pulumi.String("arn:aws:iam::123456789012:role/apigw-logs"),
			Tags:                        pulumi.StringMap{"team": pulumi.String("payments"), "env": pulumi.String("prod")},
			ExecutionLogging:            apigwlogs.ExecutionLoggingInfo,
			DataTrace:                   true,
			DetailedMetrics:             true,
			ExecutionLogRetentionInDays: pulumi.Int(3653),
			AdoptExecutionLogGroup:      true,
			KMSKey:                      pulumi.String("create"),
			DeleteOnDestroy:             true,
			DisableSavedQueries:         true,
			Alarm5XXThreshold:           5,
			AlarmTopicARN:               pulumi.String("arn:aws:sns:us-east-1:123456789012:alarms"),
			XRayTracing:                 true,
		},
	}, cfg)

	// executionLogRetentionInDays' default in Pulumi.yaml, -1, leaves the field to the component's default.
	cfg, err = loadConfig(t, map[string]string{"stageName": "dev", "executionLogRetentionInDays": "-1"})
	require.NoError(t, err)
	assert.Nil(t, cfg.Args.ExecutionLogRetentionInDays)

	for _, mode := range []string{"auto", "manage", "leave"} {
		cfg, err = loadConfig(t, map[string]string{"stageName": "dev", "accountSetting": mode})
		require.NoError(t, err)
		assert.Equal(t, apigwlogs.AccountMode(mode), cfg.Args.AccountSetting)
	}
}

func TestBadConfigNamesKeyValueAndAllowedAndRegistersNothing(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		cfg     map[string]string
		wantErr []string
	}{
		{"missing stage name", map[string]string{}, []string{"apigw-access-logs:stageName: stageName is required", "1 to 128"}},
		{"bad stage name", map[string]string{"stageName": "dev.1"}, []string{"apigw-access-logs:stageName", `"dev.1"`, "A-Z a-z 0-9 _ -"}},
		{"long stage name", map[string]string{"stageName": strings.Repeat("s", 129)}, []string{"apigw-access-logs:stageName", "1 to 128"}},
		{"retention not allowed", map[string]string{"stageName": "dev", "retentionInDays": "10"}, []string{"apigw-access-logs:retentionInDays", "retention 10 days is not allowed", "1, 3, 5, 7, 14", "3653"}},
		{"retention not a number", map[string]string{"stageName": "dev", "retentionInDays": "week"}, []string{"apigw-access-logs:retentionInDays", `"week"`}},
		{"negative retention", map[string]string{"stageName": "dev", "retentionInDays": "-1"}, []string{"apigw-access-logs:retentionInDays", "retention -1 days is not allowed"}},
		{"unknown preset", map[string]string{"stageName": "dev", "accessLogFormat": "jsonn"}, []string{"apigw-access-logs:accessLogFormat", `"jsonn"`, "clf", "csv", "xml"}},
		{"format without request id", map[string]string{"stageName": "dev", "accessLogFormat": "$context.status $context.httpMethod"}, []string{"apigw-access-logs:accessLogFormat", "$context.requestId"}},
		{"format on two lines", map[string]string{"stageName": "dev", "accessLogFormat": "$context.requestId\n$context.status"}, []string{"apigw-access-logs:accessLogFormat", "line"}},
		{"unknown accountSetting", map[string]string{"stageName": "dev", "accountSetting": "own"}, []string{"apigw-access-logs:accountSetting", `"own"`, "auto", "manage", "leave"}},
		{"accountSetting in the wrong case", map[string]string{"stageName": "dev", "accountSetting": "Auto"}, []string{"apigw-access-logs:accountSetting", `"Auto"`}},
		{"stale manageAccount true", map[string]string{"stageName": "dev", "manageAccount": "true"}, []string{"apigw-access-logs:manageAccount", "replaced by apigw-access-logs:accountSetting", "set accountSetting to manage"}},
		{"stale manageAccount false", map[string]string{"stageName": "dev", "manageAccount": "false"}, []string{"apigw-access-logs:manageAccount", "set accountSetting to leave"}},
		{"malformed role ARN", map[string]string{"stageName": "dev", "cloudWatchRoleArn": "arn:aws:iam::1234:role/x"}, []string{"apigw-access-logs:cloudWatchRoleArn", `"arn:aws:iam::1234:role/x"`, "arn:<partition>:iam::<12-digit account>:role/<name>"}},
		{"user ARN instead of role", map[string]string{"stageName": "dev", "cloudWatchRoleArn": "arn:aws:iam::123456789012:user/x"}, []string{"apigw-access-logs:cloudWatchRoleArn", `"arn:aws:iam::123456789012:user/x"`}},
		{"role ARN with the default auto", map[string]string{"stageName": "dev", "cloudWatchRoleArn": "arn:aws:iam::123456789012:role/x"}, []string{"apigw-access-logs:accountSetting=auto", "apigw-access-logs:cloudWatchRoleArn=", "cannot be combined", "used only with manage"}},
		{"role ARN with leave", map[string]string{"stageName": "dev", "accountSetting": "leave", "cloudWatchRoleArn": "arn:aws:iam::123456789012:role/x"}, []string{"apigw-access-logs:accountSetting=leave", "apigw-access-logs:cloudWatchRoleArn=arn:aws:iam::123456789012:role/x", "used only with manage"}},
		{"bad API id", map[string]string{"stageName": "dev", "apiId": "My-API"}, []string{"apigw-access-logs:apiId", `"My-API"`, "10 lowercase letters and digits"}},
		{"stale restApiId", map[string]string{"stageName": "dev", "restApiId": "a1b2c3d4e5"}, []string{"apigw-access-logs:restApiId", "replaced by apigw-access-logs:apiId"}},
		{"stale retainLogGroupOnDestroy", map[string]string{"stageName": "dev", "retainLogGroupOnDestroy": "false"}, []string{"apigw-access-logs:retainLogGroupOnDestroy", "replaced by apigw-access-logs:deleteOnDestroy", "set deleteOnDestroy to true"}},
		{"stale savedQueries", map[string]string{"stageName": "dev", "savedQueries": "false"}, []string{"apigw-access-logs:savedQueries", "replaced by apigw-access-logs:disableSavedQueries", "set disableSavedQueries to true"}},
		{"unknown apiType", map[string]string{"stageName": "dev", "apiType": "graphql"}, []string{"apigw-access-logs:apiType", `"graphql"`, "rest", "http", "websocket"}},
		{"unknown executionLogging", map[string]string{"stageName": "dev", "executionLogging": "debug"}, []string{"apigw-access-logs:executionLogging", `"debug"`, "off", "error", "info"}},
		{"bad executionLogRetentionInDays", map[string]string{"stageName": "dev", "executionLogRetentionInDays": "10"}, []string{"apigw-access-logs:executionLogRetentionInDays", "retention 10 days"}},
		{"dataTrace not a boolean", map[string]string{"stageName": "dev", "dataTrace": "yes"}, []string{"apigw-access-logs:dataTrace", `"yes"`, "true or false"}},
		{"execution logging on HTTP", map[string]string{"stageName": "dev", "apiType": "http", "executionLogging": "error"}, []string{"apigw-access-logs:apiType=http", "apigw-access-logs:executionLogging=error", "not supported on protocolType HTTP"}},
		{"data trace on HTTP", map[string]string{"stageName": "dev", "apiType": "http", "dataTrace": "true"}, []string{"apigw-access-logs:dataTrace=true", "HTTP APIs"}},
		{"data trace without logging", map[string]string{"stageName": "dev", "dataTrace": "true"}, []string{"apigw-access-logs:dataTrace=true", "apigw-access-logs:executionLogging=off"}},
		{"Firehose on HTTP", map[string]string{"stageName": "dev", "apiType": "http", "firehoseStreamArn": "arn:aws:firehose:us-east-1:123456789012:deliverystream/amazon-apigateway-logs"}, []string{"apigw-access-logs:firehoseStreamArn", "REST APIs only"}},
		{"Firehose on WebSocket", map[string]string{"stageName": "dev", "apiType": "websocket", "firehoseStreamArn": "arn:aws:firehose:us-east-1:123456789012:deliverystream/amazon-apigateway-logs"}, []string{"apigw-access-logs:apiType=websocket", "REST APIs only"}},
		{"Firehose stream without the prefix", map[string]string{"stageName": "dev", "firehoseStreamArn": "arn:aws:firehose:us-east-1:123456789012:deliverystream/access-logs"}, []string{"apigw-access-logs:firehoseStreamArn", "deliverystream/access-logs", "amazon-apigateway-"}},
		{"adopt without an API", map[string]string{"stageName": "dev", "executionLogging": "info", "adoptExecutionLogGroup": "true"}, []string{"apigw-access-logs:adoptExecutionLogGroup=true", "apiId"}},
		{"manage on HTTP", map[string]string{"stageName": "dev", "apiType": "http", "accountSetting": "manage"}, []string{"apigw-access-logs:accountSetting=manage", "HTTP APIs do not use"}},
		{"$default on REST", map[string]string{"stageName": "$default"}, []string{"apigw-access-logs:stageName", `"$default"`}},
		{"bad kmsKey", map[string]string{"stageName": "dev", "kmsKey": "alias/logs"}, []string{"apigw-access-logs:kmsKey", `"alias/logs"`, "create"}},
		{"execution-log destination of the wrong kind", map[string]string{"stageName": "dev", "executionLogging": "error", "executionLogDestination": "arn:aws:sns:us-east-1:123456789012:alarms"}, []string{"apigw-access-logs:executionLogDestination", `"arn:aws:sns:us-east-1:123456789012:alarms"`, "standard, create", "log group", "S3 bucket", "Firehose stream"}},
		{"bad logGroupClass", map[string]string{"stageName": "dev", "logGroupClass": "cold"}, []string{"apigw-access-logs:logGroupClass", `"cold"`, "INFREQUENT_ACCESS"}},
		{"bad alarm threshold", map[string]string{"stageName": "dev", "alarm5xxThreshold": "-2"}, []string{"apigw-access-logs:alarm5xxThreshold", "threshold -2 is not allowed"}},
		{"bad topic", map[string]string{"stageName": "dev", "alarm5xxThreshold": "1", "alarmTopicArn": "alerts"}, []string{"apigw-access-logs:alarmTopicArn", `"alerts"`}},
		{"alarm on IA", map[string]string{"stageName": "dev", "alarm5xxThreshold": "1", "logGroupClass": "INFREQUENT_ACCESS"}, []string{"apigw-access-logs:logGroupClass=INFREQUENT_ACCESS", "apigw-access-logs:alarm5xxThreshold=1", "metric filter"}},
		{"topic without alarm", map[string]string{"stageName": "dev", "alarmTopicArn": "arn:aws:sns:us-east-1:123456789012:a"}, []string{"apigw-access-logs:alarmTopicArn", "alarm5xxThreshold=0"}},
		{"X-Ray on WebSocket", map[string]string{"stageName": "dev", "apiType": "websocket", "xrayTracing": "true"}, []string{"apigw-access-logs:xrayTracing=true", "apigw-access-logs:apiType=websocket", "REST stages only"}},
		{"REST preset on HTTP", map[string]string{"stageName": "dev", "apiType": "http", "accessLogFormat": "json"}, []string{"apigw-access-logs:accessLogFormat", "http-json"}},
		{"tags not an object", map[string]string{"stageName": "dev", "tags": `["a"]`}, []string{"apigw-access-logs:tags", `"[\"a\"]"`, "object of string values"}},
		{"tag value not a string", map[string]string{"stageName": "dev", "tags": `{"n": 1}`}, []string{"apigw-access-logs:tags", `tag "n"`, "string value"}},
		{"reserved tag key", map[string]string{"stageName": "dev", "tags": `{"aws:team": "x"}`}, []string{"apigw-access-logs:tags", `"aws:team"`, "reserved"}},
		{"several bad keys at once", map[string]string{"stageName": "a b", "retentionInDays": "2"}, []string{"apigw-access-logs:stageName", "apigw-access-logs:retentionInDays"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rec, err := runProgram(t, "dev", tt.cfg)
			require.Error(t, err)
			for _, want := range tt.wantErr {
				assert.Contains(t, err.Error(), want)
			}
			assert.Empty(t, rec.Resources(), "bad config must register nothing")
		})
	}
}

func TestDemoAPIWhenNoRestAPIID(t *testing.T) {
	t.Parallel()
	rec, err := runProgram(t, "dev", map[string]string{"stageName": "dev", "tags": `{"team":"payments"}`})
	require.NoError(t, err)

	api := one(t, rec, "aws:apigateway/restApi:RestApi")
	assert.Equal(t, map[string]any{"team": "payments"}, api.Input("tags"))
	method := one(t, rec, "aws:apigateway/method:Method")
	assert.Equal(t, "GET", method.Input("httpMethod"))
	assert.Equal(t, "NONE", method.Input("authorization"))
	integration := one(t, rec, "aws:apigateway/integration:Integration")
	assert.Equal(t, "MOCK", integration.Input("type"))
	assert.Equal(t, "health", one(t, rec, "aws:apigateway/resource:Resource").Input("pathPart"))
	methodResponse := one(t, rec, "aws:apigateway/methodResponse:MethodResponse")
	integrationResponse := one(t, rec, "aws:apigateway/integrationResponse:IntegrationResponse")
	assert.Equal(t, "200", integrationResponse.Input("statusCode"))

	health := one(t, rec, "aws:apigateway/resource:Resource")
	assert.Equal(t, api.ID, health.Input("restApi"))
	assert.Equal(t, api.Outputs["rootResourceId"].StringValue(), health.Input("parentId"))
	for _, r := range []mocks.Resource{method, integration, methodResponse, integrationResponse} {
		assert.Equal(t, api.ID, r.Input("restApi"), r.Name)
		assert.Equal(t, health.ID, r.Input("resourceId"), r.Name)
	}
	for _, r := range []mocks.Resource{integration, methodResponse, integrationResponse} {
		assert.Equal(t, "GET", r.Input("httpMethod"), r.Name)
	}
	assert.Equal(t, map[string]any{"application/json": `{"statusCode": 200}`}, integration.Input("requestTemplates"))
	assert.Equal(t, "200", methodResponse.Input("statusCode"))
	assert.Equal(t, map[string]any{"application/json": `{"status": "ok"}`}, integrationResponse.Input("responseTemplates"))
	assert.True(t, integrationResponse.DependsOn(integration), "an integration response needs its integration")

	// Every part of the demo API is a child of the DemoAPI component.
	demo := one(t, rec, "apigwlogs:index:DemoAPI")
	for _, r := range rec.Resources() {
		if strings.HasPrefix(r.Type, "aws:apigateway/") && r.Type != "aws:apigateway/stage:Stage" && r.Type != "aws:apigateway/account:Account" {
			assert.Equal(t, demo.URN, r.Parent, "parent of %s", r.Name)
		}
	}

	deployment := one(t, rec, "aws:apigateway/deployment:Deployment")
	assert.Equal(t, api.ID, deployment.Input("restApi"))
	for _, part := range []mocks.Resource{method, integration, methodResponse, integrationResponse} {
		assert.True(t, deployment.DependsOn(part), "the deployment must wait for %s", part.Name)
	}
	triggers := deployment.Input("triggers").(map[string]any)
	assert.Len(t, triggers["redeployment"], 64, "the redeployment trigger is a SHA-256 of the API's shape")

	stage := one(t, rec, "aws:apigateway/stage:Stage")
	assert.Equal(t, api.ID, stage.Input("restApi"), "the stage belongs to the demo API")
	assert.True(t, stage.DependsOn(deployment))
	assert.Equal(t, "dev", stage.Input("stageName"))
	assert.Equal(t, map[string]any{"team": "payments", apigwlogs.OwnerTagKey: "apigw-access-logs/dev"}, one(t, rec, "aws:cloudwatch/logGroup:LogGroup").Input("tags"))
}

func TestExistingRestAPIGetsADeploymentAndNoDemo(t *testing.T) {
	t.Parallel()
	rec, err := runProgram(t, "dev", map[string]string{"stageName": "dev", "apiId": "a1b2c3d4e5"})
	require.NoError(t, err)
	assert.Empty(t, rec.OfType("aws:apigateway/restApi:RestApi"))
	assert.Empty(t, rec.OfType("aws:apigateway/method:Method"))
	deployment := one(t, rec, "aws:apigateway/deployment:Deployment")
	assert.Equal(t, "a1b2c3d4e5", deployment.Input("restApi"))
	stage := one(t, rec, "aws:apigateway/stage:Stage")
	assert.Equal(t, "a1b2c3d4e5", stage.Input("restApi"))
	assert.True(t, stage.DependsOn(deployment))
}

// The config's account keys reach the component: the modes themselves are tested in package apigwlogs.
func TestAccountSettingFromConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                   string
		cfg                    map[string]string
		reads, roles, accounts int
		wantAccountRoleInput   string
	}{
		{"auto by default: read, and create on a fresh account", map[string]string{}, 1, 1, 1, ""},
		{"manage with an existing role", map[string]string{"accountSetting": "manage", "cloudWatchRoleArn": "arn:aws:iam::123456789012:role/shared"}, 0, 0, 1, "arn:aws:iam::123456789012:role/shared"},
		{"leave: never read", map[string]string{"accountSetting": "leave"}, 0, 0, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.cfg["stageName"] = "dev"
			rec, err := runProgram(t, "dev", tt.cfg)
			require.NoError(t, err)
			assert.Len(t, rec.Reads("aws:apigateway/account:Account"), tt.reads)
			assert.Len(t, rec.OfType("aws:iam/role:Role"), tt.roles)
			require.Len(t, rec.OfType("aws:apigateway/account:Account"), tt.accounts)
			if tt.wantAccountRoleInput != "" {
				assert.Equal(t, tt.wantAccountRoleInput, one(t, rec, "aws:apigateway/account:Account").Input("cloudwatchRoleArn"))
			}
		})
	}
}

func TestTwoStacksGetDifferentPhysicalNames(t *testing.T) {
	t.Parallel()
	dev, err := runProgram(t, "dev", map[string]string{"stageName": "dev"})
	require.NoError(t, err)
	prod, err := runProgram(t, "prod", map[string]string{"stageName": "prod"})
	require.NoError(t, err)
	devGroup := one(t, dev, "aws:cloudwatch/logGroup:LogGroup").Input("name")
	prodGroup := one(t, prod, "aws:cloudwatch/logGroup:LogGroup").Input("name")
	assert.NotEqual(t, devGroup, prodGroup)
	assert.Equal(t, "/apigateway/apigw-access-logs/dev/access-logs", devGroup)
	assert.Equal(t, "/apigateway/apigw-access-logs/prod/access-logs", prodGroup)
}

// Pulumi.yaml declares the config (the CLI applies its defaults); the program applies the same defaults itself
// so the components behave the same without the CLI. The two must agree.
func TestPulumiYAMLMatchesDefaults(t *testing.T) {
	t.Parallel()
	var proj struct {
		Name   string
		Config map[string]struct {
			Type        string
			Description string
			Default     any
		}
	}
	readYAML(t, "Pulumi.yaml", &proj)
	assert.Equal(t, project, proj.Name)

	// Pulumi.yaml declares exactly the keys the loader reads, each with a type and a description.
	require.ElementsMatch(t, program.Keys(), slices.Collect(maps.Keys(proj.Config)))
	types := map[string]string{
		"retentionInDays": "integer", "executionLogRetentionInDays": "integer", "alarm5xxThreshold": "integer",
		"dataTrace": "boolean", "detailedMetrics": "boolean", "adoptExecutionLogGroup": "boolean",
		"deleteOnDestroy": "boolean", "disableSavedQueries": "boolean", "xrayTracing": "boolean", "tags": "object",
		"dashboard": "boolean",
	}
	defaults := map[string]string{}
	for key, decl := range proj.Config {
		want := types[key]
		if want == "" {
			want = "string"
		}
		assert.Equal(t, want, decl.Type, "type of %s", key)
		assert.NotEmpty(t, decl.Description, "description of %s", key)
		switch d := decl.Default.(type) {
		case nil: // required: stageName
			assert.Equal(t, "stageName", key, "only stageName has no default")
		case map[string]any:
			assert.Empty(t, d, "default of %s", key)
		default:
			defaults[key] = fmt.Sprint(d)
		}
	}
	// Each declared default means what leaving the key out means: the program registers exactly the same.
	defaults["stageName"] = "dev"
	withDefaults, err := runProgram(t, "dev", defaults)
	require.NoError(t, err)
	without, err := runProgram(t, "dev", map[string]string{"stageName": "dev"})
	require.NoError(t, err)
	// What reaches AWS (components record the args as given), with the physical ids the mocks made up, which
	// depend on the order of registration, replaced by the resource they name.
	inputs := func(rec *mocks.Recorder) map[string]string {
		out := map[string]string{}
		for _, r := range rec.Resources() {
			if !strings.HasPrefix(r.Type, "aws:") {
				continue
			}
			b, err := json.Marshal(r.Inputs.Mappable())
			require.NoError(t, err)
			text := string(b)
			for _, other := range rec.Resources() {
				if other.ID != "" && !other.Read {
					text = strings.ReplaceAll(text, other.ID, "<"+other.Type+"::"+other.Name+">")
				}
			}
			out[r.Type+"::"+r.Name] = fmt.Sprintf("retainOnDelete=%v %s", r.RetainOnDelete, text)
		}
		return out
	}
	assert.Equal(t, inputs(without), inputs(withDefaults))
}

// Every stage stack's config file passes the program's checks, and none of them writes the account setting
// explicitly: with the default, auto, the first stack deployed creates the setting and the others use it.
func TestStackFilesAreValidAndLeaveTheAccountSettingToAuto(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob(filepath.Join("..", "..", "Pulumi.*.yaml"))
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 2, "Pulumi.dev.yaml and Pulumi.prod.yaml at least")
	for _, f := range files {
		stack := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(f), "Pulumi."), ".yaml")
		var file struct{ Config map[string]any }
		readYAML(t, filepath.Base(f), &file)
		raw := map[string]string{}
		for k, v := range file.Config {
			key, ok := strings.CutPrefix(k, project+":")
			if !ok {
				continue
			}
			switch v := v.(type) {
			case string:
				raw[key] = v
			case int:
				raw[key] = strconv.Itoa(v)
			case bool:
				raw[key] = strconv.FormatBool(v)
			default:
				t.Fatalf("%s: unexpected value %v for %s", stack, v, k)
			}
		}
		assert.NotContains(t, raw, "accountSetting", "%s: no account line; auto is the default", f)
		cfg, err := loadConfig(t, raw)
		require.NoError(t, err, stack)
		assert.Equal(t, pulumi.String(stack), cfg.Args.StageName, "%s: the stage is named for its stack", f)
	}
}

func readYAML(t *testing.T, name string, into any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", name))
	require.NoError(t, err)
	require.NoError(t, yaml.Unmarshal(b, into))
}

// The config loader adds no rule of its own and drops none: every combination the component refuses, the
// config refuses under the same names, and every combination the config accepts, the component accepts.
// Each row is one combination, as config keys and as the component's args.
func TestConfigAndComponentRefuseTheSameCombinations(t *testing.T) {
	t.Parallel()
	const (
		firehose = "arn:aws:firehose:us-east-1:123456789012:deliverystream/amazon-apigateway-logs"
		role     = "arn:aws:iam::123456789012:role/x"
		key      = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
		topic    = "arn:aws:sns:us-east-1:123456789012:alarms"
	)
	tests := []struct {
		name string
		cfg  map[string]string
		args func(a *apigwlogs.AccessLoggingArgs)
		// fields are the args fields (and config keys) the error names; none for an accepted combination.
		fields []string
	}{
		{"execution logs on HTTP", map[string]string{"apiType": "http", "executionLogging": "error"},
			func(a *apigwlogs.AccessLoggingArgs) {
				a.APIType, a.ExecutionLogging = accesslog.HTTP, apigwlogs.ExecutionLoggingError
			},
			[]string{"apiType", "executionLogging", "dataTrace", "adoptExecutionLogGroup"}},
		{"data trace without execution logs", map[string]string{"dataTrace": "true"},
			func(a *apigwlogs.AccessLoggingArgs) { a.DataTrace = true }, []string{"dataTrace", "executionLogging"}},
		{"Firehose on WebSocket", map[string]string{"apiType": "websocket", "firehoseStreamArn": firehose},
			func(a *apigwlogs.AccessLoggingArgs) {
				a.APIType, a.FirehoseStreamARN = accesslog.WebSocket, pulumi.String(firehose)
			}, []string{"apiType", "firehoseStreamArn"}},
		{"Firehose and an alarm", map[string]string{"firehoseStreamArn": firehose, "alarm5xxThreshold": "1"},
			func(a *apigwlogs.AccessLoggingArgs) {
				a.FirehoseStreamARN, a.Alarm5XXThreshold = pulumi.String(firehose), 1
			},
			[]string{"firehoseStreamArn", "logGroupClass", "alarm5xxThreshold"}},
		{"Firehose and an existing key, no execution logs", map[string]string{"firehoseStreamArn": firehose, "kmsKey": key},
			func(a *apigwlogs.AccessLoggingArgs) {
				a.FirehoseStreamARN, a.KMSKey = pulumi.String(firehose), pulumi.String(key)
			},
			[]string{"firehoseStreamArn", "kmsKey", "executionLogging"}},
		{"Firehose and a created key, no execution logs", map[string]string{"firehoseStreamArn": firehose, "kmsKey": "create"},
			func(a *apigwlogs.AccessLoggingArgs) {
				a.FirehoseStreamARN, a.KMSKey = pulumi.String(firehose), pulumi.String(apigwlogs.KMSKeyCreate)
			}, []string{"firehoseStreamArn", "kmsKey", "executionLogging"}},
		{"Firehose and an existing key for the execution logs", map[string]string{"firehoseStreamArn": firehose, "kmsKey": key, "executionLogging": "error"},
			func(a *apigwlogs.AccessLoggingArgs) {
				a.FirehoseStreamARN, a.KMSKey = pulumi.String(firehose), pulumi.String(key)
				a.ExecutionLogging = apigwlogs.ExecutionLoggingError
			}, nil},
		{"role ARN without manage", map[string]string{"cloudWatchRoleArn": role},
			func(a *apigwlogs.AccessLoggingArgs) { a.CloudWatchRoleARN = pulumi.String(role) },
			[]string{"accountSetting", "cloudWatchRoleArn"}},
		{"role ARN with manage", map[string]string{"cloudWatchRoleArn": role, "accountSetting": "manage"},
			func(a *apigwlogs.AccessLoggingArgs) {
				a.CloudWatchRoleARN, a.AccountSetting = pulumi.String(role), apigwlogs.AccountManage
			}, nil},
		{"manage on HTTP", map[string]string{"apiType": "http", "accountSetting": "manage"},
			func(a *apigwlogs.AccessLoggingArgs) {
				a.APIType, a.AccountSetting = accesslog.HTTP, apigwlogs.AccountManage
			},
			[]string{"apiType", "accountSetting", "cloudWatchRoleArn"}},
		{"X-Ray on HTTP", map[string]string{"apiType": "http", "xrayTracing": "true"},
			func(a *apigwlogs.AccessLoggingArgs) { a.APIType, a.XRayTracing = accesslog.HTTP, true },
			[]string{"apiType", "xrayTracing"}},
		{"alarm on an INFREQUENT_ACCESS group", map[string]string{"logGroupClass": "INFREQUENT_ACCESS", "alarm5xxThreshold": "1"},
			func(a *apigwlogs.AccessLoggingArgs) {
				a.LogGroupClass, a.Alarm5XXThreshold = apigwlogs.LogGroupClassInfrequentAccess, 1
			}, []string{"logGroupClass", "alarm5xxThreshold"}},
		{"topic without the alarm", map[string]string{"alarmTopicArn": topic},
			func(a *apigwlogs.AccessLoggingArgs) { a.AlarmTopicARN = pulumi.String(topic) },
			[]string{"alarmTopicArn", "alarm5xxThreshold"}},
		{"adopting without execution logs", map[string]string{"apiId": "a1b2c3d4e5", "adoptExecutionLogGroup": "true"},
			func(a *apigwlogs.AccessLoggingArgs) { a.AdoptExecutionLogGroup = true },
			[]string{"adoptExecutionLogGroup", "executionLogging"}},
		{"adopting with a new API", map[string]string{"executionLogging": "info", "adoptExecutionLogGroup": "true"},
			func(a *apigwlogs.AccessLoggingArgs) {
				a.APIID = pulumi.String("a1b2c3d4e5").ToStringOutput() // created in the same update
				a.ExecutionLogging, a.AdoptExecutionLogGroup = apigwlogs.ExecutionLoggingInfo, true
			}, []string{"adoptExecutionLogGroup", "apiId", "stageName"}},
		{"execution-log delivery from a WebSocket stage", map[string]string{"apiType": "websocket", "executionLogging": "error", "executionLogDestination": "create"},
			func(a *apigwlogs.AccessLoggingArgs) {
				a.APIType, a.ExecutionLogging = accesslog.WebSocket, apigwlogs.ExecutionLoggingError
				a.ExecutionLogDestination = pulumi.String(apigwlogs.ExecutionLogDestinationCreate)
			}, []string{"apiType", "executionLogDestination"}},
		{"execution-log delivery with logging off", map[string]string{"executionLogDestination": "create"},
			func(a *apigwlogs.AccessLoggingArgs) {
				a.ExecutionLogDestination = pulumi.String(apigwlogs.ExecutionLogDestinationCreate)
			}, []string{"executionLogDestination", "executionLogging"}},
		{"execution-log delivery to a created group", map[string]string{"executionLogging": "info", "executionLogDestination": "create"},
			func(a *apigwlogs.AccessLoggingArgs) {
				a.ExecutionLogging = apigwlogs.ExecutionLoggingInfo
				a.ExecutionLogDestination = pulumi.String(apigwlogs.ExecutionLogDestinationCreate)
			}, nil},
		{"the standard group with logging off", map[string]string{"executionLogDestination": "standard"},
			func(a *apigwlogs.AccessLoggingArgs) {
				a.ExecutionLogDestination = pulumi.String(apigwlogs.ExecutionLogDestinationStandard)
			}, nil},
		{"adopting with an existing API", map[string]string{"apiId": "a1b2c3d4e5", "executionLogging": "info", "adoptExecutionLogGroup": "true"},
			func(a *apigwlogs.AccessLoggingArgs) {
				a.ExecutionLogging, a.AdoptExecutionLogGroup = apigwlogs.ExecutionLoggingInfo, true
			}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			// Through the component.
			args := &apigwlogs.AccessLoggingArgs{
				APIID: pulumi.String("a1b2c3d4e5"), DeploymentID: pulumi.String("dep123"), StageName: pulumi.String("dev"),
			}
			tt.args(args)
			err := args.Validate()
			// Through the config.
			cfg := map[string]string{"stageName": "dev"}
			maps.Copy(cfg, tt.cfg)
			_, cfgErr := loadConfig(t, cfg)
			if tt.fields == nil {
				assert.NoError(t, err, "component")
				assert.NoError(t, cfgErr, "config")
				return
			}
			argErrs := apigwlogs.ArgErrors(err)
			require.Len(t, argErrs, 1, "component: %v", err)
			assert.Equal(t, tt.fields, argErrs[0].Fields, "component")
			require.Error(t, cfgErr, "config")
			assert.Contains(t, cfgErr.Error(), "config keys "+project+":"+tt.fields[0]+"=")
			for _, f := range tt.fields {
				assert.Contains(t, cfgErr.Error(), project+":"+f+"=", "config")
			}
			assert.Contains(t, cfgErr.Error(), "cannot be combined: "+argErrs[0].Err.Error(), "config")
		})
	}
}
