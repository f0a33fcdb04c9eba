package apigwlogs_test

import (
	"encoding/json"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
	"github.com/apigw-access-logs/apigw-access-logs/components/apigwlogs"
	"github.com/apigw-access-logs/apigw-access-logs/components/internal/mocks"
)

const dashboardType = "aws:cloudwatch/dashboard:Dashboard"

// The composite's dashboard: off by default; on, one dashboard named for the project, stack and stage, whose
// REST metrics carry the API's name, read from the existing API (one read) when it is not given.
func TestAccessLoggingDashboard(t *testing.T) {
	t.Parallel()
	rec, _, err := run(t, "dev", mocks.AWS(""), baseArgs)
	require.NoError(t, err)
	assert.Empty(t, rec.OfType(dashboardType), "off by default")

	rec, _, err = run(t, "dev", mocks.AWS(""), func() *apigwlogs.AccessLoggingArgs {
		a := baseArgs()
		a.Dashboard = true
		return a
	})
	require.NoError(t, err)
	d := one(t, rec, dashboardType)
	assert.Equal(t, "proj-dev-dev", d.Input("dashboardName"))
	require.Len(t, rec.Reads("aws:apigateway/restApi:RestApi"), 1, "the API's name is read from the API")
	var body struct{ Widgets []map[string]any }
	require.NoError(t, json.Unmarshal([]byte(d.Input("dashboardBody").(string)), &body))
	assert.NotEmpty(t, body.Widgets)

	// Given the name, nothing is read.
	rec, _, err = run(t, "dev", mocks.AWS(""), func() *apigwlogs.AccessLoggingArgs {
		a := baseArgs()
		a.Dashboard, a.APIName = true, pulumi.String("orders")
		return a
	})
	require.NoError(t, err)
	assert.Empty(t, rec.Reads("aws:apigateway/restApi:RestApi"))
	assert.Contains(t, one(t, rec, dashboardType).Input("dashboardBody"), `"ApiName","orders"`)
}

// What a dashboard needs is refused up front, naming the fields.
func TestDashboardArgsAreChecked(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name   string
		args   apigwlogs.DashboardArgs
		fields [][]string
	}{
		{"REST without the API's name", apigwlogs.DashboardArgs{APIID: pulumi.String("a1b2c3d4e5"), StageName: pulumi.String("dev")},
			[][]string{{"apiName"}}},
		{"HTTP needs no name", apigwlogs.DashboardArgs{APIType: accesslog.HTTP, APIID: pulumi.String("a1b2c3d4e5"), StageName: pulumi.String("dev")},
			nil},
		{"nothing", apigwlogs.DashboardArgs{}, [][]string{{"apiId"}, {"stageName"}, {"apiName"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got [][]string
			for _, e := range apigwlogs.ArgErrors(tt.args.Validate()) {
				got = append(got, e.Fields)
			}
			assert.Equal(t, tt.fields, got)
		})
	}
	// A REST dashboard whose API another resource creates needs the name given.
	a := baseArgs()
	a.Dashboard, a.APIID = true, pulumi.String("a1b2c3d4e5").ToStringOutput()
	errs := apigwlogs.ArgErrors(a.Validate())
	require.Len(t, errs, 1)
	assert.Equal(t, []string{"dashboard", "apiName", "apiId"}, errs[0].Fields)
}
