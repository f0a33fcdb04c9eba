package program

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/apigateway"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/apigatewayv2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

const demoAPIToken = "apigwlogs:index:DemoAPI"

// demoAPISpec is everything that shapes the demo API; its hash is the deployment's redeployment trigger, so a
// change to the API redeploys it and nothing else does.
type demoAPISpec struct {
	Path             string
	Method           string
	RequestTemplate  string
	ResponseTemplate string
}

var demoSpec = demoAPISpec{
	Path:             "health",
	Method:           "GET",
	RequestTemplate:  `{"statusCode": 200}`,
	ResponseTemplate: `{"status": "ok"}`,
}

// DemoAPI is a small REST API, GET /health answered by a MOCK integration with 200, and its deployment: a
// stage to log when the stack is given no apiId.
type DemoAPI struct {
	pulumi.ResourceState

	// APIID is the API's id.
	APIID pulumi.StringOutput `pulumi:"apiId"`
	// APIName is the API's name, which names its CloudWatch metrics.
	APIName pulumi.StringOutput `pulumi:"apiName"`
	// DeploymentID is the deployment's id.
	DeploymentID pulumi.StringOutput `pulumi:"deploymentId"`
}

// NewDemoAPI creates the demo API and a deployment that is replaced whenever the API changes.
func NewDemoAPI(ctx *pulumi.Context, name string, tags pulumi.StringMapInput, opts ...pulumi.ResourceOption) (*DemoAPI, error) {
	c := &DemoAPI{}
	if err := ctx.RegisterComponentResource(demoAPIToken, name, c, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(c)
	api, err := apigateway.NewRestApi(ctx, name+"-rest-api", &apigateway.RestApiArgs{
		Description: pulumi.String("apigw-access-logs demo API: GET /health"),
		EndpointConfiguration: &apigateway.RestApiEndpointConfigurationArgs{
			Types: pulumi.String("REGIONAL"),
		},
		Tags: tags,
	}, parent)
	if err != nil {
		return nil, err
	}
	resource, err := apigateway.NewResource(ctx, name+"-health", &apigateway.ResourceArgs{
		RestApi:  api.ID(),
		ParentId: api.RootResourceId,
		PathPart: pulumi.String(demoSpec.Path),
	}, parent)
	if err != nil {
		return nil, err
	}
	method, err := apigateway.NewMethod(ctx, name+"-get", &apigateway.MethodArgs{
		RestApi:       api.ID(),
		ResourceId:    resource.ID(),
		HttpMethod:    pulumi.String(demoSpec.Method),
		Authorization: pulumi.String("NONE"),
	}, parent)
	if err != nil {
		return nil, err
	}
	integration, err := apigateway.NewIntegration(ctx, name+"-mock", &apigateway.IntegrationArgs{
		RestApi:          api.ID(),
		ResourceId:       resource.ID(),
		HttpMethod:       method.HttpMethod,
		Type:             pulumi.String("MOCK"),
		RequestTemplates: pulumi.StringMap{"application/json": pulumi.String(demoSpec.RequestTemplate)},
	}, parent)
	if err != nil {
		return nil, err
	}
	methodResponse, err := apigateway.NewMethodResponse(ctx, name+"-200", &apigateway.MethodResponseArgs{
		RestApi:    api.ID(),
		ResourceId: resource.ID(),
		HttpMethod: method.HttpMethod,
		StatusCode: pulumi.String("200"),
	}, parent)
	if err != nil {
		return nil, err
	}
	integrationResponse, err := apigateway.NewIntegrationResponse(ctx, name+"-mock-200", &apigateway.IntegrationResponseArgs{
		RestApi:           api.ID(),
		ResourceId:        resource.ID(),
		HttpMethod:        method.HttpMethod,
		StatusCode:        methodResponse.StatusCode,
		ResponseTemplates: pulumi.StringMap{"application/json": pulumi.String(demoSpec.ResponseTemplate)},
	}, parent, pulumi.DependsOn([]pulumi.Resource{integration}))
	if err != nil {
		return nil, err
	}
	// API Gateway snapshots the API when a deployment is created, so the deployment waits for every part.
	deployment, err := newDeployment(ctx, name+"-deployment", api.ID(), demoSpec.hash(), parent,
		pulumi.DependsOn([]pulumi.Resource{method, integration, methodResponse, integrationResponse}))
	if err != nil {
		return nil, err
	}
	c.APIID, c.APIName = api.ID().ToStringOutput(), api.Name
	c.DeploymentID = deployment.ID().ToStringOutput()
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"apiId": c.APIID, "apiName": c.APIName, "deploymentId": c.DeploymentID,
	}); err != nil {
		return nil, err
	}
	return c, nil
}

func (s demoAPISpec) hash() string { return hashOf(s) }

// hashOf is the SHA-256 of a spec's JSON: a redeployment trigger that changes exactly when the spec does.
func hashOf(s any) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err) // a struct of strings always marshals
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// newDeployment deploys a REST API. The redeployment trigger replaces the deployment when it changes; Pulumi
// creates the replacement before deleting the old one, so the stage always has a deployment to serve.
func newDeployment(ctx *pulumi.Context, name string, restAPIID pulumi.StringInput, trigger string, opts ...pulumi.ResourceOption) (*apigateway.Deployment, error) {
	return apigateway.NewDeployment(ctx, name, &apigateway.DeploymentArgs{
		RestApi:     restAPIID,
		Description: pulumi.String("Deployed by apigw-access-logs"),
		Triggers:    pulumi.StringMap{"redeployment": pulumi.String(trigger)},
	}, opts...)
}

const (
	demoHTTPAPIToken      = "apigwlogs:index:DemoHttpApi"
	demoWebSocketAPIToken = "apigwlogs:index:DemoWebSocketApi"
)

// DemoHTTPAPI is an HTTP API with no routes: every request gets API Gateway's 404, which is logged like any
// other. Its stage deploys automatically, so it needs no deployment.
type DemoHTTPAPI struct {
	pulumi.ResourceState

	// APIID is the API's id.
	APIID pulumi.StringOutput `pulumi:"apiId"`
}

// NewDemoHTTPAPI creates the demo HTTP API.
func NewDemoHTTPAPI(ctx *pulumi.Context, name string, tags pulumi.StringMapInput, opts ...pulumi.ResourceOption) (*DemoHTTPAPI, error) {
	c := &DemoHTTPAPI{}
	if err := ctx.RegisterComponentResource(demoHTTPAPIToken, name, c, opts...); err != nil {
		return nil, err
	}
	api, err := apigatewayv2.NewApi(ctx, name, &apigatewayv2.ApiArgs{
		ProtocolType: pulumi.String("HTTP"),
		Description:  pulumi.String("apigw-access-logs demo HTTP API: no routes, every request answered 404 and logged"),
		Tags:         tags,
	}, pulumi.Parent(c))
	if err != nil {
		return nil, err
	}
	c.APIID = api.ID().ToStringOutput()
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{"apiId": c.APIID}); err != nil {
		return nil, err
	}
	return c, nil
}

// demoWebSocketSpec shapes the demo WebSocket API; its hash triggers a new deployment when it changes.
var demoWebSocketSpec = struct{ RouteKey, RequestTemplate string }{
	RouteKey:        "$default",
	RequestTemplate: `{"statusCode": 200}`,
}

// DemoWebSocketAPI is a WebSocket API whose $default route is answered by a MOCK integration, and its
// deployment.
type DemoWebSocketAPI struct {
	pulumi.ResourceState

	// APIID is the API's id.
	APIID pulumi.StringOutput `pulumi:"apiId"`
	// APIName is the API's name, which names its CloudWatch metrics.
	APIName pulumi.StringOutput `pulumi:"apiName"`
	// DeploymentID is the deployment's id.
	DeploymentID pulumi.StringOutput `pulumi:"deploymentId"`
}

// NewDemoWebSocketAPI creates the demo WebSocket API and its deployment.
func NewDemoWebSocketAPI(ctx *pulumi.Context, name string, tags pulumi.StringMapInput, opts ...pulumi.ResourceOption) (*DemoWebSocketAPI, error) {
	c := &DemoWebSocketAPI{}
	if err := ctx.RegisterComponentResource(demoWebSocketAPIToken, name, c, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(c)
	api, err := apigatewayv2.NewApi(ctx, name, &apigatewayv2.ApiArgs{
		ProtocolType:             pulumi.String("WEBSOCKET"),
		RouteSelectionExpression: pulumi.String("$request.body.action"),
		Description:              pulumi.String("apigw-access-logs demo WebSocket API: $default answered by a MOCK integration"),
		Tags:                     tags,
	}, parent)
	if err != nil {
		return nil, err
	}
	integration, err := apigatewayv2.NewIntegration(ctx, name+"-mock", &apigatewayv2.IntegrationArgs{
		ApiId:                       api.ID(),
		IntegrationType:             pulumi.String("MOCK"),
		TemplateSelectionExpression: pulumi.String(`\$default`),
		RequestTemplates:            pulumi.StringMap{"$default": pulumi.String(demoWebSocketSpec.RequestTemplate)},
	}, parent)
	if err != nil {
		return nil, err
	}
	route, err := apigatewayv2.NewRoute(ctx, name+"-default", &apigatewayv2.RouteArgs{
		ApiId:    api.ID(),
		RouteKey: pulumi.String(demoWebSocketSpec.RouteKey),
		Target:   pulumi.Sprintf("integrations/%s", integration.ID()),
	}, parent)
	if err != nil {
		return nil, err
	}
	deployment, err := newV2Deployment(ctx, name+"-deployment", api.ID().ToStringOutput(), hashOf(demoWebSocketSpec),
		parent, pulumi.DependsOn([]pulumi.Resource{route}))
	if err != nil {
		return nil, err
	}
	c.APIID, c.DeploymentID = api.ID().ToStringOutput(), deployment.ID().ToStringOutput()
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{"apiId": c.APIID, "deploymentId": c.DeploymentID}); err != nil {
		return nil, err
	}
	return c, nil
}

// newV2Deployment deploys a WebSocket API; the trigger replaces the deployment when it changes.
func newV2Deployment(ctx *pulumi.Context, name string, apiID pulumi.StringInput, trigger string, opts ...pulumi.ResourceOption) (*apigatewayv2.Deployment, error) {
	return apigatewayv2.NewDeployment(ctx, name, &apigatewayv2.DeploymentArgs{
		ApiId:       apiID,
		Description: pulumi.String("Deployed by apigw-access-logs"),
		Triggers:    pulumi.StringMap{"redeployment": pulumi.String(trigger)},
	}, opts...)
}
