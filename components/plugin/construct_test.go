package plugin

import (
	"reflect"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/provider"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
	"github.com/apigw-access-logs/apigw-access-logs/components/apigwlogs"
	"github.com/apigw-access-logs/apigw-access-logs/components/internal/mocks"
)

// validArgs returns args the component accepts: its required inputs, and what it needs beyond them (a REST
// stage's log group, which could also be a Firehose stream). Components it references are created in ctx.
func validArgs(t *testing.T, ctx *pulumi.Context, token string) any {
	t.Helper()
	group := func() *apigwlogs.LogGroup {
		g, err := apigwlogs.NewLogGroup(ctx, "group", nil)
		require.NoError(t, err)
		return g
	}
	api, deployment, stage := pulumi.String("a1b2c3d4e5"), pulumi.String("abc123"), pulumi.String("prod")
	switch token {
	case Package + ":index:LogGroup":
		return &apigwlogs.LogGroupArgs{}
	case Package + ":index:CloudWatchRole":
		return &apigwlogs.CloudWatchRoleArgs{}
	case Package + ":index:Account":
		return &apigwlogs.AccountArgs{}
	case Package + ":index:Stage":
		return &apigwlogs.StageArgs{APIID: api, DeploymentID: deployment, StageName: stage, LogGroup: group()}
	case Package + ":index:HttpStage":
		return &apigwlogs.HTTPStageArgs{APIID: api, StageName: stage, LogGroup: group()}
	case Package + ":index:WebSocketStage":
		return &apigwlogs.WebSocketStageArgs{APIID: api, DeploymentID: deployment, StageName: stage, LogGroup: group()}
	case Package + ":index:LogKey":
		return &apigwlogs.LogKeyArgs{LogGroupNames: pulumi.StringArray{pulumi.String("/apigateway/orders")}}
	case Package + ":index:Monitoring":
		format, err := apigwlogs.ResolveFormat("json", accesslog.REST)
		require.NoError(t, err)
		return &apigwlogs.MonitoringArgs{LogGroup: group(), AccessLogFormat: format}
	case Package + ":index:AccessLogging":
		return &apigwlogs.AccessLoggingArgs{APIID: api, DeploymentID: deployment, StageName: stage}
	case Package + ":index:ExecutionLogDelivery":
		s, err := apigwlogs.NewStage(ctx, "stage", &apigwlogs.StageArgs{APIID: api, DeploymentID: deployment,
			StageName: stage, LogGroup: group(), ExecutionLogging: apigwlogs.ExecutionLoggingError})
		require.NoError(t, err)
		return &apigwlogs.ExecutionLogDeliveryArgs{APIID: api, StageName: stage, Stage: s,
			ExecutionLogDestination: pulumi.String(apigwlogs.ExecutionLogDestinationCreate)}
	case Package + ":index:Dashboard":
		return &apigwlogs.DashboardArgs{APIID: api, APIName: pulumi.String("orders"), StageName: stage}
	}
	t.Fatalf("no valid args for %s", token)
	return nil
}

// Each token is the one the Go constructor registers, so a component created from YAML has the URN a Go
// program gives it, and the schema names what the provider builds.
func TestTokensAreTheConstructorsOwn(t *testing.T) {
	t.Parallel()
	for _, c := range components {
		t.Run(c.token, func(t *testing.T) {
			t.Parallel()
			rec, err := mocks.Run("proj", "dev", nil, mocks.AWS(""), func(ctx *pulumi.Context) error {
				_, err := c.new(ctx, "it", validArgs(t, ctx, c.token))
				return err
			})
			require.NoError(t, err)
			var got []string
			for _, r := range rec.Resources() {
				if !r.Custom && !r.Read && r.Name == "it" && r.Parent == "urn:pulumi:dev::proj::pulumi:pulumi:Stack::proj-dev" {
					got = append(got, r.Type)
				}
			}
			assert.Equal(t, []string{c.token}, got, "the component the constructor registers at the top")
		})
	}
}

// Every input the schema marks required is one the constructor fails without, so SDKs do not demand an
// input the component can do without, nor let a program reach the provider without one it needs.
func TestRequiredInputsAreRequired(t *testing.T) {
	t.Parallel()
	for _, c := range components {
		for _, input := range c.required {
			t.Run(c.token+"/"+input, func(t *testing.T) {
				t.Parallel()
				_, err := mocks.Run("proj", "dev", nil, mocks.AWS(""), func(ctx *pulumi.Context) error {
					args := validArgs(t, ctx, c.token)
					unset(t, args, input)
					_, err := c.new(ctx, "it", args)
					return err
				})
				assert.Error(t, err, "the constructor accepts args without %s", input)
			})
		}
	}
}

// unset sets the field of args tagged `pulumi:"<input>"` to its zero value.
func unset(t *testing.T, args any, input string) {
	t.Helper()
	v := reflect.ValueOf(args).Elem()
	for f := range taggedFields(v.Type()) {
		if f.name == input {
			v.FieldByIndex(f.Index).SetZero()
			return
		}
	}
	t.Fatalf("%T has no input %s", args, input)
}

func TestUnknownTypeNamesWhatIsServed(t *testing.T) {
	t.Parallel()
	_, err := Construct(nil, Package+":index:Nope", "it", provider.ConstructInputs{}, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), Package+":index:AccessLogging")
}
