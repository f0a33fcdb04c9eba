package program_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

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
	return mocks.Run(project, stack, full, program.Run)
}

func one(t *testing.T, rec *mocks.Recorder, typ string) mocks.Resource {
	t.Helper()
	got := rec.OfType(typ)
	require.Len(t, got, 1, "resources of type %s", typ)
	return got[0]
}

func TestConfigDefaults(t *testing.T) {
	t.Parallel()
	cfg, err := program.ParseConfig(project, lookup(map[string]string{"stageName": "dev"}))
	require.NoError(t, err)
	json, err := accesslog.Resolve("json", accesslog.REST)
	require.NoError(t, err)
	assert.Equal(t, &program.Config{
		StageName:       "dev",
		RetentionInDays: 7,
		AccessLogFormat: "json",
		ResolvedFormat:  json,
		ManageAccount:   true,
	}, cfg)
	assert.Equal(t, apigwlogs.CreateRole, cfg.AccountMode())
}

func TestConfigOverrides(t *testing.T) {
	t.Parallel()
	custom := "$context.requestId   $context.status\n"
	cfg, err := program.ParseConfig(project, lookup(map[string]string{
		"stageName":         "prod_v2",
		"retentionInDays":   "365",
		"accessLogFormat":   custom,
		"manageAccount":     "true",
		"cloudWatchRoleArn": "arn:aws:iam::123456789012:role/apigw-logs",
		"restApiId":         "a1b2c3d4e5",
		"tags":              `{"team":"payments","env":"prod"}`,
	}))
	require.NoError(t, err)
	assert.Equal(t, &program.Config{
		StageName:         "prod_v2",
		RetentionInDays:   365,
		AccessLogFormat:   custom,
		ResolvedFormat:    "$context.requestId $context.status",
		ManageAccount:     true,
		CloudWatchRoleARN: "arn:aws:iam::123456789012:role/apigw-logs",
		RestAPIID:         "a1b2c3d4e5",
		Tags:              map[string]string{"team": "payments", "env": "prod"},
	}, cfg)
	assert.Equal(t, apigwlogs.ExistingRole, cfg.AccountMode())

	cfg, err = program.ParseConfig(project, lookup(map[string]string{"stageName": "dev", "manageAccount": "false"}))
	require.NoError(t, err)
	assert.Equal(t, apigwlogs.ManagedElsewhere, cfg.AccountMode())
}

func TestBadConfigNamesKeyValueAndAllowedAndRegistersNothing(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		cfg     map[string]string
		wantErr []string
	}{
		{"missing stage name", map[string]string{}, []string{"apigw-access-logs:stageName is required"}},
		{"bad stage name", map[string]string{"stageName": "dev.1"}, []string{"apigw-access-logs:stageName", `"dev.1"`, "A-Z a-z 0-9 _ -"}},
		{"long stage name", map[string]string{"stageName": strings.Repeat("s", 129)}, []string{"apigw-access-logs:stageName", "1 to 128"}},
		{"retention not allowed", map[string]string{"stageName": "dev", "retentionInDays": "10"}, []string{"apigw-access-logs:retentionInDays", `"10"`, "1, 3, 5, 7, 14", "3653"}},
		{"retention not a number", map[string]string{"stageName": "dev", "retentionInDays": "week"}, []string{"apigw-access-logs:retentionInDays", `"week"`}},
		{"negative retention", map[string]string{"stageName": "dev", "retentionInDays": "-1"}, []string{"apigw-access-logs:retentionInDays", `"-1"`}},
		{"unknown preset", map[string]string{"stageName": "dev", "accessLogFormat": "jsonn"}, []string{"apigw-access-logs:accessLogFormat", `"jsonn"`, "clf", "csv", "xml"}},
		{"format without request id", map[string]string{"stageName": "dev", "accessLogFormat": "$context.status $context.httpMethod"}, []string{"apigw-access-logs:accessLogFormat", "$context.requestId"}},
		{"format on two lines", map[string]string{"stageName": "dev", "accessLogFormat": "$context.requestId\n$context.status"}, []string{"apigw-access-logs:accessLogFormat", "line"}},
		{"manageAccount not a boolean", map[string]string{"stageName": "dev", "manageAccount": "yes please"}, []string{"apigw-access-logs:manageAccount", `"yes please"`, "true", "false"}},
		{"malformed role ARN", map[string]string{"stageName": "dev", "cloudWatchRoleArn": "arn:aws:iam::1234:role/x"}, []string{"apigw-access-logs:cloudWatchRoleArn", `"arn:aws:iam::1234:role/x"`, "arn:<partition>:iam::<12-digit account>:role/<name>"}},
		{"user ARN instead of role", map[string]string{"stageName": "dev", "cloudWatchRoleArn": "arn:aws:iam::123456789012:user/x"}, []string{"apigw-access-logs:cloudWatchRoleArn", `"arn:aws:iam::123456789012:user/x"`}},
		{"role ARN with manageAccount false", map[string]string{"stageName": "dev", "manageAccount": "false", "cloudWatchRoleArn": "arn:aws:iam::123456789012:role/x"}, []string{"apigw-access-logs:manageAccount", "apigw-access-logs:cloudWatchRoleArn", "contradict"}},
		{"bad REST API id", map[string]string{"stageName": "dev", "restApiId": "My-API"}, []string{"apigw-access-logs:restApiId", `"My-API"`, "10 lowercase letters and digits"}},
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
	assert.Equal(t, map[string]any{"team": "payments"}, one(t, rec, "aws:cloudwatch/logGroup:LogGroup").Input("tags"))
}

func TestExistingRestAPIGetsADeploymentAndNoDemo(t *testing.T) {
	t.Parallel()
	rec, err := runProgram(t, "dev", map[string]string{"stageName": "dev", "restApiId": "a1b2c3d4e5"})
	require.NoError(t, err)
	assert.Empty(t, rec.OfType("aws:apigateway/restApi:RestApi"))
	assert.Empty(t, rec.OfType("aws:apigateway/method:Method"))
	deployment := one(t, rec, "aws:apigateway/deployment:Deployment")
	assert.Equal(t, "a1b2c3d4e5", deployment.Input("restApi"))
	stage := one(t, rec, "aws:apigateway/stage:Stage")
	assert.Equal(t, "a1b2c3d4e5", stage.Input("restApi"))
	assert.True(t, stage.DependsOn(deployment))
}

func TestAccountModesFromConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                 string
		cfg                  map[string]string
		roles, accounts      int
		wantAccountRoleInput string
	}{
		{"manage and create the role", map[string]string{}, 1, 1, ""},
		{"manage with an existing role", map[string]string{"cloudWatchRoleArn": "arn:aws:iam::123456789012:role/shared"}, 0, 1, "arn:aws:iam::123456789012:role/shared"},
		{"leave it to another stack", map[string]string{"manageAccount": "false"}, 0, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.cfg["stageName"] = "dev"
			rec, err := runProgram(t, "dev", tt.cfg)
			require.NoError(t, err)
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
	prod, err := runProgram(t, "prod", map[string]string{"stageName": "prod", "manageAccount": "false"})
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

	want := map[string]struct {
		typ string
		def any
	}{
		program.KeyStageName:         {"string", nil},
		program.KeyRetentionInDays:   {"integer", program.DefaultRetentionInDays},
		program.KeyAccessLogFormat:   {"string", program.DefaultAccessLogFormat},
		program.KeyManageAccount:     {"boolean", program.DefaultManageAccount},
		program.KeyCloudWatchRoleARN: {"string", ""},
		program.KeyRestAPIID:         {"string", ""},
		program.KeyTags:              {"object", map[string]any{}},
	}
	require.Len(t, proj.Config, len(want), "Pulumi.yaml declares exactly the program's keys")
	for key, w := range want {
		got, ok := proj.Config[key]
		require.True(t, ok, "Pulumi.yaml declares %s", key)
		assert.Equal(t, w.typ, got.Type, "type of %s", key)
		assert.Equal(t, w.def, got.Default, "default of %s", key)
		assert.NotEmpty(t, got.Description, "description of %s", key)
	}
}

// The stage stacks' config files must pass the program's checks, and dev and prod must not both manage
// the account setting.
func TestStackFilesAreValidAndShareTheAccountSetting(t *testing.T) {
	t.Parallel()
	managers := 0
	for _, stack := range []string{"dev", "prod"} {
		var file struct{ Config map[string]any }
		readYAML(t, "Pulumi."+stack+".yaml", &file)
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
		cfg, err := program.ParseConfig(project, lookup(raw))
		require.NoError(t, err, stack)
		assert.Equal(t, stack, cfg.StageName)
		if cfg.AccountMode() != apigwlogs.ManagedElsewhere {
			managers++
		}
		switch stack {
		case "dev":
			assert.Equal(t, 7, cfg.RetentionInDays)
		case "prod":
			assert.Equal(t, 365, cfg.RetentionInDays)
		}
	}
	assert.Equal(t, 1, managers, "exactly one stage stack manages the account setting")
}

func lookup(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) {
		v, ok := m[k]
		return v, ok
	}
}

func readYAML(t *testing.T, name string, into any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", name))
	require.NoError(t, err)
	require.NoError(t, yaml.Unmarshal(b, into))
}
