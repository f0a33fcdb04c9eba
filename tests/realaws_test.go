package tests

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRealAWS deploys a throwaway stack to a real AWS account through the Automation API (the Pulumi CLI
// drives the program in this repository), checks the stage's access-log settings, checks that a second
// preview changes nothing, and destroys the stack. It is opt-in:
//
//	APIGW_REAL_AWS=1 go test ./tests -run TestRealAWS -v -timeout 30m
//
// It needs the pulumi CLI on PATH and AWS credentials (AWS_ACCESS_KEY_ID, AWS_PROFILE or ~/.aws). The stack
// uses the local file backend (Pulumi.yaml) and PULUMI_CONFIG_PASSPHRASE (empty unless set). Other settings:
// APIGW_REAL_AWS_REGION (default us-east-1); APIGW_REAL_AWS_MANAGE_ACCOUNT=1 runs the stack with
// accountSetting auto, so it creates a role and the region's API Gateway account setting when none is set
// (both retained after the test: the setting is account-wide); by default the stack uses leave and never
// touches the setting, so the account must already have a CloudWatch role set. The stack keeps no logs:
// retainLogGroupOnDestroy false.
//
// The AWS SDK for Go is not a dependency of this module, so the stage is checked with the `aws` CLI when it
// is installed (aws apigateway get-stage, aws logs describe-log-groups) and through the stack outputs otherwise.
func TestRealAWS(t *testing.T) {
	if os.Getenv("APIGW_REAL_AWS") != "1" {
		t.Skip("real AWS test: set APIGW_REAL_AWS=1 to deploy a throwaway stack to your AWS account")
	}
	if _, err := exec.LookPath("pulumi"); err != nil {
		t.Skip("real AWS test: no pulumi CLI on PATH (https://www.pulumi.com/docs/install/)")
	}
	if !haveAWSCredentials() {
		t.Skip("real AWS test: no AWS credentials (set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE, or configure ~/.aws)")
	}
	region := os.Getenv("APIGW_REAL_AWS_REGION")
	if region == "" {
		region = "us-east-1"
	}
	// By default the stack never touches the region's account setting (leave); with the opt-in it may create
	// the role and the setting when none is set (auto, the program's default).
	accountSetting := "leave"
	if os.Getenv("APIGW_REAL_AWS_MANAGE_ACCOUNT") == "1" {
		accountSetting = "auto"
	}

	ctx, cancel := context.WithTimeout(context.Background(), 25*time.Minute)
	defer cancel()
	root, err := filepath.Abs(repoRoot)
	require.NoError(t, err)
	stageName := fmt.Sprintf("it%d", time.Now().Unix()%1_000_000)
	env := map[string]string{"PULUMI_CONFIG_PASSPHRASE": os.Getenv("PULUMI_CONFIG_PASSPHRASE")}
	stack, err := auto.UpsertStackLocalSource(ctx, "realaws-"+stageName, root, auto.EnvVars(env))
	require.NoError(t, err)
	t.Cleanup(func() {
		// Destroy even when an assertion failed, then forget the stack.
		ctx := context.Background()
		if _, err := stack.Destroy(ctx, optdestroy.ProgressStreams(testWriter{t})); err != nil {
			t.Errorf("destroy: %v (clean up by hand: pulumi destroy -s %s)", err, stack.Name())
			return
		}
		assert.NoError(t, stack.Workspace().RemoveStack(ctx, stack.Name()))
	})
	for k, v := range map[string]string{
		"aws:region":                                region,
		"apigw-access-logs:stageName":               stageName,
		"apigw-access-logs:accountSetting":          accountSetting,
		"apigw-access-logs:retainLogGroupOnDestroy": "false",
		"apigw-access-logs:retentionInDays":         "1",
	} {
		require.NoError(t, stack.SetConfig(ctx, k, auto.ConfigValue{Value: v}))
	}

	res, err := stack.Up(ctx, optup.ProgressStreams(testWriter{t}))
	require.NoError(t, err, "pulumi up")
	out := func(k string) string {
		s, _ := res.Outputs[k].Value.(string)
		return s
	}
	logGroupARN, format := out("logGroupArn"), out("accessLogFormat")
	assert.Equal(t, stageName, out("stageName"))
	assert.Regexp(t, `^arn:aws[a-z-]*:logs:`+region+`:\d{12}:log-group:/apigateway/`, logGroupARN)
	assert.False(t, strings.HasSuffix(logGroupARN, ":*"))
	assert.Contains(t, format, "$context.requestId")
	apiID, _, _ := strings.Cut(strings.TrimPrefix(out("invokeUrl"), "https://"), ".")
	require.NotEmpty(t, apiID, "invokeUrl %q", out("invokeUrl"))

	if _, err := exec.LookPath("aws"); err != nil {
		t.Log("no aws CLI on PATH: checked the stack outputs only, not AWS's own view of the stage")
	} else {
		var stage struct {
			AccessLogSettings struct {
				DestinationArn string `json:"destinationArn"`
				Format         string `json:"format"`
			} `json:"accessLogSettings"`
		}
		awsJSON(ctx, t, &stage, "apigateway", "get-stage", "--region", region, "--rest-api-id", apiID,
			"--stage-name", stageName)
		assert.Equal(t, logGroupARN, stage.AccessLogSettings.DestinationArn, "the stage logs to the stack's group")
		assert.Equal(t, format, stage.AccessLogSettings.Format)

		var groups struct {
			LogGroups []struct {
				LogGroupName    string `json:"logGroupName"`
				RetentionInDays int    `json:"retentionInDays"`
			} `json:"logGroups"`
		}
		awsJSON(ctx, t, &groups, "logs", "describe-log-groups", "--region", region,
			"--log-group-name-prefix", out("logGroupName"))
		require.Len(t, groups.LogGroups, 1)
		assert.Equal(t, 1, groups.LogGroups[0].RetentionInDays)

		var account struct {
			CloudwatchRoleArn string `json:"cloudwatchRoleArn"`
		}
		awsJSON(ctx, t, &account, "apigateway", "get-account", "--region", region)
		assert.NotEmpty(t, account.CloudwatchRoleArn, "the region's API Gateway account has a CloudWatch role")
	}

	prev, err := stack.Preview(ctx, optpreview.ProgressStreams(testWriter{t}))
	require.NoError(t, err, "pulumi preview")
	for op, n := range prev.ChangeSummary {
		assert.Equal(t, apitype.OpSame, op, "second preview: %d to %s", n, op)
	}
}

func haveAWSCredentials() bool {
	if os.Getenv("AWS_ACCESS_KEY_ID") != "" || os.Getenv("AWS_PROFILE") != "" ||
		os.Getenv("AWS_WEB_IDENTITY_TOKEN_FILE") != "" || os.Getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI") != "" {
		return true
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return false
	}
	for _, f := range []string{"credentials", "config"} {
		if _, err := os.Stat(filepath.Join(home, ".aws", f)); err == nil {
			return true
		}
	}
	return false
}

// awsJSON runs the aws CLI and decodes its JSON output into v.
func awsJSON(ctx context.Context, t *testing.T, v any, args ...string) {
	t.Helper()
	cmd := exec.CommandContext(ctx, "aws", append(args, "--output", "json")...)
	b, err := cmd.Output()
	require.NoError(t, err, "aws %s", strings.Join(args, " "))
	require.NoError(t, json.Unmarshal(b, v), "aws %s: %s", strings.Join(args, " "), b)
}

// testWriter sends the CLI's progress to the test log.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}
