package main

import (
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// awsMocks answers like AWS for what the components register, and keeps every registration. An unexpected
// type or invoke fails the program, so the test cannot pass by not looking.
type awsMocks struct {
	mu         sync.Mutex
	registered []pulumi.MockResourceArgs
}

func (m *awsMocks) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	m.mu.Lock()
	m.registered = append(m.registered, args)
	m.mu.Unlock()
	out := args.Inputs.Copy()
	set := func(k, v string) { out[resource.PropertyKey(k)] = resource.NewProperty(v) }
	in := func(k string) string {
		if v, ok := args.Inputs[resource.PropertyKey(k)]; ok && v.IsString() {
			return v.StringValue()
		}
		return ""
	}
	id := args.Name + "-id"
	switch args.TypeToken {
	case "aws:apigateway/account:Account":
		id = "api-gateway-account"
		if args.ReadRPC != nil {
			set("cloudwatchRoleArn", "") // the region has no setting yet
		}
	case "aws:cloudwatch/logGroup:LogGroup":
		set("arn", "arn:aws:logs:us-east-1:123456789012:log-group:"+in("name"))
	case "aws:iam/role:Role":
		set("name", id)
		set("arn", "arn:aws:iam::123456789012:role"+in("path")+id)
	case "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "aws:cloudwatch/queryDefinition:QueryDefinition":
	case "aws:apigateway/stage:Stage":
		set("invokeUrl", "https://"+in("restApi")+".execute-api.us-east-1.amazonaws.com/"+in("stageName"))
	case "aws:apigatewayv2/stage:Stage":
		set("invokeUrl", "https://"+in("apiId")+".execute-api.us-east-1.amazonaws.com/")
	default:
		if args.Custom {
			return "", nil, fmt.Errorf("unexpected resource type %s", args.TypeToken)
		}
		return "", out, nil // a component
	}
	return id, out, nil
}

func (m *awsMocks) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	switch args.Token {
	case "aws:index/getPartition:getPartition":
		return resource.PropertyMap{"partition": resource.NewProperty("aws")}, nil
	case "aws:cloudwatch/getLogGroups:getLogGroups": // none exists yet
		return resource.PropertyMap{"logGroupNames": resource.NewProperty([]resource.PropertyValue{})}, nil
	}
	return nil, fmt.Errorf("unexpected invoke %s", args.Token)
}

// ofType returns the registrations (not reads) of one type.
func (m *awsMocks) ofType(typ string) []pulumi.MockResourceArgs {
	var out []pulumi.MockResourceArgs
	for _, r := range m.registered {
		if r.TypeToken == typ && r.ReadRPC == nil {
			out = append(out, r)
		}
	}
	return out
}

func TestPlatformStack(t *testing.T) {
	t.Parallel()
	m := &awsMocks{}
	require.NoError(t, pulumi.RunErr(run, pulumi.WithMocks("platform", "prod", m)))

	// One setting, written once, for both REST APIs, pointing at the one role the stack created.
	settings := m.ofType("aws:apigateway/account:Account")
	require.Len(t, settings, 1, "one account setting")
	require.Len(t, m.ofType("aws:iam/role:Role"), 1, "one CloudWatch role")
	assert.Contains(t, settings[0].Inputs["cloudwatchRoleArn"].StringValue(), "/apigw-account/")

	// Each REST stage waits for it; the HTTP stage does not need it.
	restStages := m.ofType("aws:apigateway/stage:Stage")
	require.Len(t, restStages, 2)
	for _, s := range restStages {
		assert.Contains(t, s.RegisterRPC.GetDependencies(), settingURN(t, m), "stage %s waits for the setting", s.Name)
	}
	httpStages := m.ofType("aws:apigatewayv2/stage:Stage")
	require.Len(t, httpStages, 1)
	assert.NotContains(t, httpStages[0].RegisterRPC.GetDependencies(), settingURN(t, m))

	// Three log groups, one per API, with distinct names.
	var names []string
	for _, g := range m.ofType("aws:cloudwatch/logGroup:LogGroup") {
		names = append(names, g.Inputs["name"].StringValue())
	}
	slices.Sort(names)
	assert.Equal(t, []string{"/apigateway/platform/prod/orders", "/apigateway/platform/prod/payments",
		"/apigateway/platform/prod/webhooks"}, names)
}

// settingURN is the URN of the account setting the stack writes.
func settingURN(t *testing.T, m *awsMocks) string {
	t.Helper()
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, r := range m.registered {
		if r.TypeToken == "aws:apigateway/account:Account" && r.ReadRPC == nil {
			return fmt.Sprintf("urn:pulumi:prod::platform::apigwlogs:index:Account$aws:apigateway/account:Account::%s", r.Name)
		}
	}
	t.Fatal("no account setting registered")
	return ""
}
