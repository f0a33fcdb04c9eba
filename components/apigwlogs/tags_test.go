package apigwlogs_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
	"github.com/apigw-access-logs/apigw-access-logs/components/apigwlogs"
	"github.com/apigw-access-logs/apigw-access-logs/components/internal/mocks"
)

// taggedPart is a component's constructor with args it accepts, as the required-inputs test uses them.
type taggedPart struct {
	args  reflect.Type
	valid func(t *testing.T, ctx *pulumi.Context) any // args the constructor accepts; components it refers to are created in ctx
	new   func(ctx *pulumi.Context, args any) error
}

func tagged[A any, C any](newC func(*pulumi.Context, string, *A, ...pulumi.ResourceOption) (C, error),
	valid func(t *testing.T, ctx *pulumi.Context) *A,
) taggedPart {
	return taggedPart{
		args:  reflect.TypeFor[A](),
		valid: func(t *testing.T, ctx *pulumi.Context) any { return valid(t, ctx) },
		new: func(ctx *pulumi.Context, args any) error {
			_, err := newC(ctx, "it", args.(*A))
			return err
		},
	}
}

func group(t *testing.T, ctx *pulumi.Context) *apigwlogs.LogGroup {
	g, err := apigwlogs.NewLogGroup(ctx, "group", nil)
	require.NoError(t, err)
	return g
}

// Each input tagged `pulumi:"…"` without ",optional" is one its constructor fails without: the component
// provider (provider/) reads the tags as the schema's required inputs, so every other language's SDK demands
// exactly these, and a program never reaches the provider without one the constructor needs.
func TestTagsSayWhichInputsAreRequired(t *testing.T) {
	t.Parallel()
	api, deployment, stage := pulumi.String("a1b2c3d4e5"), pulumi.String("abc123"), pulumi.String("prod")
	parts := []taggedPart{
		tagged(apigwlogs.NewLogGroup, func(*testing.T, *pulumi.Context) *apigwlogs.LogGroupArgs {
			return &apigwlogs.LogGroupArgs{}
		}),
		tagged(apigwlogs.NewCloudWatchRole, func(*testing.T, *pulumi.Context) *apigwlogs.CloudWatchRoleArgs {
			return &apigwlogs.CloudWatchRoleArgs{}
		}),
		tagged(apigwlogs.NewAccount, func(*testing.T, *pulumi.Context) *apigwlogs.AccountArgs {
			return &apigwlogs.AccountArgs{}
		}),
		tagged(apigwlogs.NewStage, func(t *testing.T, ctx *pulumi.Context) *apigwlogs.StageArgs {
			return &apigwlogs.StageArgs{APIID: api, DeploymentID: deployment, StageName: stage, LogGroup: group(t, ctx)}
		}),
		tagged(apigwlogs.NewHTTPStage, func(t *testing.T, ctx *pulumi.Context) *apigwlogs.HTTPStageArgs {
			return &apigwlogs.HTTPStageArgs{APIID: api, StageName: stage, LogGroup: group(t, ctx)}
		}),
		tagged(apigwlogs.NewWebSocketStage, func(t *testing.T, ctx *pulumi.Context) *apigwlogs.WebSocketStageArgs {
			return &apigwlogs.WebSocketStageArgs{APIID: api, DeploymentID: deployment, StageName: stage, LogGroup: group(t, ctx)}
		}),
		tagged(apigwlogs.NewLogKey, func(*testing.T, *pulumi.Context) *apigwlogs.LogKeyArgs {
			return &apigwlogs.LogKeyArgs{LogGroupNames: pulumi.StringArray{pulumi.String("/apigateway/orders")}}
		}),
		tagged(apigwlogs.NewMonitoring, func(t *testing.T, ctx *pulumi.Context) *apigwlogs.MonitoringArgs {
			format, err := apigwlogs.ResolveFormat("json", accesslog.REST)
			require.NoError(t, err)
			return &apigwlogs.MonitoringArgs{LogGroup: group(t, ctx), AccessLogFormat: format}
		}),
		tagged(apigwlogs.NewAccessLogging, func(*testing.T, *pulumi.Context) *apigwlogs.AccessLoggingArgs {
			return &apigwlogs.AccessLoggingArgs{APIID: api, DeploymentID: deployment, StageName: stage}
		}),
		tagged(apigwlogs.NewDashboard, func(*testing.T, *pulumi.Context) *apigwlogs.DashboardArgs {
			return &apigwlogs.DashboardArgs{APIType: accesslog.HTTP, APIID: api, StageName: stage}
		}),
		tagged(apigwlogs.NewExecutionLogDelivery, func(t *testing.T, ctx *pulumi.Context) *apigwlogs.ExecutionLogDeliveryArgs {
			s, err := apigwlogs.NewStage(ctx, "stage", &apigwlogs.StageArgs{APIID: api, DeploymentID: deployment,
				StageName: stage, LogGroup: group(t, ctx), ExecutionLogging: apigwlogs.ExecutionLoggingError})
			require.NoError(t, err)
			return &apigwlogs.ExecutionLogDeliveryArgs{APIID: api, StageName: stage, Stage: s,
				ExecutionLogDestination: pulumi.String(apigwlogs.ExecutionLogDestinationCreate)}
		}),
	}
	for _, p := range parts {
		run := func(t *testing.T, without string) error {
			_, err := mocks.Run("proj", "dev", nil, mocks.AWS(""), func(ctx *pulumi.Context) error {
				args := p.valid(t, ctx)
				if without != "" {
					v := reflect.ValueOf(args).Elem()
					f, _ := v.Type().FieldByName(without)
					v.FieldByIndex(f.Index).SetZero()
				}
				return p.new(ctx, args)
			})
			return err
		}
		t.Run(p.args.Name(), func(t *testing.T) {
			t.Parallel()
			require.NoError(t, run(t, ""), "the constructor accepts the test's args")
			for _, f := range reflect.VisibleFields(p.args) {
				if tag := f.Tag.Get("pulumi"); tag != "" && !strings.HasSuffix(tag, ",optional") {
					assert.Error(t, run(t, f.Name), "%s.%s is tagged required (no ,optional), but the constructor "+
						"accepts args without it", p.args.Name(), f.Name)
				}
			}
		})
	}
}
