// Package mocks runs Pulumi programs against pulumi.WithMocks, in the style of the SDK's own run_test.go: a
// [Mocks] value with function fields (NewResourceF, CallF) that each test fills in, and a [Recorder] that
// keeps every registration, read and invoke for assertions made after the run. [AWS] gives the function
// fields that answer like AWS for the resource types this project uses.
package mocks

import (
	"fmt"
	"sort"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Account, Region and Partition are what the AWS mocks answer as the AWS account, region and partition.
const (
	Account   = "123456789012"
	Region    = "us-east-1"
	Partition = "aws"
)

// Mocks answers the program's registrations, reads and invokes. A nil field fails the call, so a test never
// passes by accident when the program starts to do something new.
type Mocks struct {
	// NewResourceF answers a registration or a read (args.ReadRPC is set for a read) with the id and outputs.
	NewResourceF func(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error)
	// CallF answers an invoke.
	CallF func(args pulumi.MockCallArgs) (resource.PropertyMap, error)
}

// Resource is one registration or read as the engine would see it.
type Resource struct {
	Type, Name, URN string
	// ID is the physical id the mocks answered with (empty for components).
	ID     string
	Custom bool
	// Read is set for a resource read (ctx.ReadResource, e.g. apigateway.GetAccount).
	Read bool
	// ImportID is the id of the import resource option, if any.
	ImportID string
	Inputs   resource.PropertyMap
	Outputs  resource.PropertyMap
	Parent   string
	// Dependencies are the URNs the resource waits for: explicit DependsOn and the resources its inputs
	// come from.
	Dependencies   []string
	RetainOnDelete bool
}

// Input returns an input's value as a plain Go value (nil when absent).
func (r Resource) Input(key string) any {
	v, ok := r.Inputs[resource.PropertyKey(key)]
	if !ok {
		return nil
	}
	return v.Mappable()
}

// DependsOn reports whether r waits for other.
func (r Resource) DependsOn(other Resource) bool {
	for _, d := range r.Dependencies {
		if d == other.URN {
			return true
		}
	}
	return false
}

// Recorder is a pulumi.MockResourceMonitor that records every registration, read and invoke and passes each
// to its Mocks.
type Recorder struct {
	project, stack string
	mocks          *Mocks

	mu        sync.Mutex
	resources []Resource
	calls     []pulumi.MockCallArgs
}

// Run runs program with mocks m for project and stack and the given config (keys in full, "project:key") and
// returns the recorder and the program's error.
func Run(project, stack string, config map[string]string, m *Mocks, program pulumi.RunFunc) (*Recorder, error) {
	r := &Recorder{project: project, stack: stack, mocks: m}
	err := pulumi.RunErr(program, pulumi.WithMocks(project, stack, r), func(info *pulumi.RunInfo) {
		info.Config = config
	})
	return r, err
}

// Resources returns every registration and read, sorted by URN so tests are deterministic.
func (r *Recorder) Resources() []Resource {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := append([]Resource(nil), r.resources...)
	sort.Slice(out, func(i, j int) bool { return out[i].URN < out[j].URN })
	return out
}

// Calls returns every invoke.
func (r *Recorder) Calls() []pulumi.MockCallArgs {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]pulumi.MockCallArgs(nil), r.calls...)
}

// OfType returns the registrations (not the reads) of one type.
func (r *Recorder) OfType(typ string) []Resource {
	var out []Resource
	for _, res := range r.Resources() {
		if res.Type == typ && !res.Read {
			out = append(out, res)
		}
	}
	return out
}

// Reads returns the resource reads of one type.
func (r *Recorder) Reads(typ string) []Resource {
	var out []Resource
	for _, res := range r.Resources() {
		if res.Type == typ && res.Read {
			out = append(out, res)
		}
	}
	return out
}

// ByURN returns the registration with that URN.
func (r *Recorder) ByURN(urn string) (Resource, bool) {
	for _, res := range r.Resources() {
		if res.URN == urn {
			return res, true
		}
	}
	return Resource{}, false
}

// Call passes an invoke to Mocks.CallF.
func (r *Recorder) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	r.mu.Lock()
	r.calls = append(r.calls, args)
	r.mu.Unlock()
	if r.mocks == nil || r.mocks.CallF == nil {
		return nil, fmt.Errorf("unexpected invoke %s", args.Token)
	}
	return r.mocks.CallF(args)
}

// NewResource passes a registration or read to Mocks.NewResourceF and records it.
func (r *Recorder) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	if r.mocks == nil || r.mocks.NewResourceF == nil {
		return "", nil, fmt.Errorf("unexpected resource %s %s", args.TypeToken, args.Name)
	}
	id, outputs, err := r.mocks.NewResourceF(args)
	if err != nil {
		return "", nil, err
	}
	rec := Resource{Type: args.TypeToken, Name: args.Name, ID: id, Inputs: args.Inputs, Outputs: outputs}
	parent := ""
	if rpc := args.RegisterRPC; rpc != nil {
		parent = rpc.GetParent()
		rec.Custom, rec.Parent, rec.ImportID = args.Custom, parent, rpc.GetImportId()
		rec.Dependencies, rec.RetainOnDelete = rpc.GetDependencies(), rpc.GetRetainOnDelete()
	}
	if rpc := args.ReadRPC; rpc != nil {
		parent = rpc.GetParent()
		rec.Custom, rec.Read, rec.Parent, rec.Dependencies = true, true, parent, rpc.GetDependencies()
	}
	parentType := tokens.Type("")
	if p := resource.URN(parent); p != "" && p.QualifiedType() != resource.RootStackType {
		parentType = p.QualifiedType()
	}
	rec.URN = string(resource.NewURN(tokens.QName(r.stack), tokens.PackageName(r.project), parentType,
		tokens.Type(args.TypeToken), args.Name))

	r.mu.Lock()
	defer r.mu.Unlock()
	r.resources = append(r.resources, rec)
	return id, outputs, nil
}

// AWS returns mocks that answer like AWS for the resource types this project uses: ids and outputs shaped like
// pulumi-aws's, the region's API Gateway account setting (read with apigateway.GetAccount) naming setting
// ("" for none), and the partition for aws:index/getPartition:getPartition. Unknown types and invokes fail.
func AWS(setting string) *Mocks {
	var mu sync.Mutex
	serial := 0
	return &Mocks{
		CallF: func(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
			switch args.Token {
			case "aws:index/getPartition:getPartition":
				return resource.PropertyMap{
					"partition": resource.NewProperty(Partition), "dnsSuffix": resource.NewProperty("amazonaws.com"),
				}, nil
			case "aws:index/getCallerIdentity:getCallerIdentity":
				return resource.PropertyMap{"accountId": resource.NewProperty(Account)}, nil
			case "aws:index/getRegion:getRegion":
				return resource.PropertyMap{"name": resource.NewProperty(Region)}, nil
			case "aws:cloudwatch/getLogGroups:getLogGroups": // no log group exists yet
				return resource.PropertyMap{"logGroupNames": resource.NewProperty([]resource.PropertyValue{})}, nil
			}
			return nil, fmt.Errorf("unexpected invoke %s", args.Token)
		},
		NewResourceF: func(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
			mu.Lock()
			serial++
			n := serial
			mu.Unlock()
			return awsResource(args, n, setting)
		},
	}
}

func awsResource(args pulumi.MockResourceArgs, serial int, setting string) (string, resource.PropertyMap, error) {
	outputs := args.Inputs.Copy()
	set := func(k string, v any) { outputs[resource.PropertyKey(k)] = resource.NewPropertyValue(v) }
	str := func(k string) string {
		if v, ok := args.Inputs[resource.PropertyKey(k)]; ok && v.IsString() {
			return v.StringValue()
		}
		return ""
	}
	if args.ReadRPC != nil {
		switch {
		case args.TypeToken == "aws:apigateway/account:Account" && args.ID == "api-gateway-account":
			set("cloudwatchRoleArn", setting)
			return args.ID, outputs, nil
		case args.TypeToken == "aws:apigateway/restApi:RestApi": // an existing API, read for its name
			set("name", "api-"+args.ID)
			return args.ID, outputs, nil
		}
		return "", nil, fmt.Errorf("unexpected read of %s %s", args.TypeToken, args.ID)
	}
	if !args.Custom {
		return "", outputs, nil // a component: its inputs are recorded, nothing more
	}
	id := ""
	switch args.TypeToken {
	case "aws:cloudwatch/logGroup:LogGroup":
		id = str("name")
		set("arn", fmt.Sprintf("arn:%s:logs:%s:%s:log-group:%s", Partition, Region, Account, id))
	case "aws:iam/role:Role":
		id = str("name")
		if id == "" { // pulumi-aws auto-names roles: <resource name>-<7 random characters>
			id = fmt.Sprintf("%s-%07x", args.Name, serial)
		}
		path := str("path")
		if path == "" {
			path = "/"
		}
		set("name", id)
		set("arn", fmt.Sprintf("arn:%s:iam::%s:role%s%s", Partition, Account, path, id))
	case "aws:iam/rolePolicyAttachment:RolePolicyAttachment":
		id = fmt.Sprintf("%s-%s", str("role"), str("policyArn"))
	case "aws:apigateway/account:Account":
		id = "api-gateway-account"
	case "aws:apigateway/restApi:RestApi":
		id = fmt.Sprintf("api%07d", serial)
		set("rootResourceId", "root"+id)
		set("executionArn", fmt.Sprintf("arn:%s:execute-api:%s:%s:%s", Partition, Region, Account, id))
	case "aws:apigateway/resource:Resource", "aws:apigateway/method:Method",
		"aws:apigateway/integration:Integration", "aws:apigateway/methodResponse:MethodResponse",
		"aws:apigateway/integrationResponse:IntegrationResponse":
		id = fmt.Sprintf("%s-%d", args.Name, serial)
	case "aws:apigateway/deployment:Deployment":
		id = fmt.Sprintf("dep%07d", serial)
	case "aws:kms/key:Key":
		id = fmt.Sprintf("1234abcd-0000-0000-0000-%012d", serial)
		set("arn", fmt.Sprintf("arn:%s:kms:%s:%s:key/%s", Partition, Region, Account, id))
	case "aws:cloudwatch/queryDefinition:QueryDefinition", "aws:cloudwatch/logMetricFilter:LogMetricFilter":
		id = fmt.Sprintf("%s-%d", args.Name, serial)
	case "aws:cloudwatch/metricAlarm:MetricAlarm":
		id = args.Name
		set("arn", fmt.Sprintf("arn:%s:cloudwatch:%s:%s:alarm:%s", Partition, Region, Account, id))
	case "aws:cloudwatch/logResourcePolicy:LogResourcePolicy":
		id = str("policyName")
	case "aws:cloudwatch/logDeliverySource:LogDeliverySource":
		id = str("name")
		set("arn", fmt.Sprintf("arn:%s:logs:%s:%s:delivery-source:%s", Partition, Region, Account, id))
	case "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination":
		id = str("name")
		set("arn", fmt.Sprintf("arn:%s:logs:%s:%s:delivery-destination:%s", Partition, Region, Account, id))
	case "aws:cloudwatch/logDelivery:LogDelivery":
		id = fmt.Sprintf("delivery%07d", serial)
		set("arn", fmt.Sprintf("arn:%s:logs:%s:%s:delivery:%s", Partition, Region, Account, id))
	case "aws:cloudwatch/dashboard:Dashboard":
		id = str("dashboardName")
		set("dashboardArn", fmt.Sprintf("arn:%s:cloudwatch::%s:dashboard/%s", Partition, Account, id))
	case "aws:apigateway/methodSettings:MethodSettings":
		id = fmt.Sprintf("%s-%s-%s", str("restApi"), str("stageName"), str("methodPath"))
	case "aws:apigatewayv2/api:Api":
		id = fmt.Sprintf("v2api%05d", serial)
	case "aws:apigatewayv2/integration:Integration", "aws:apigatewayv2/route:Route", "aws:apigatewayv2/deployment:Deployment":
		id = fmt.Sprintf("%s-%d", args.Name, serial)
	case "aws:apigatewayv2/stage:Stage":
		id = fmt.Sprintf("%s-%s", str("apiId"), str("name"))
		set("arn", fmt.Sprintf("arn:%s:apigateway:%s::/apis/%s/stages/%s", Partition, Region, str("apiId"), str("name")))
		set("invokeUrl", fmt.Sprintf("https://%s.execute-api.%s.amazonaws.com/%s", str("apiId"), Region, str("name")))
	case "aws:apigateway/stage:Stage":
		id = fmt.Sprintf("ags-%s-%s", str("restApi"), str("stageName"))
		set("arn", fmt.Sprintf("arn:%s:apigateway:%s::/restapis/%s/stages/%s", Partition, Region, str("restApi"), str("stageName")))
		set("invokeUrl", fmt.Sprintf("https://%s.execute-api.%s.amazonaws.com/%s", str("restApi"), Region, str("stageName")))
	default:
		return "", nil, fmt.Errorf("unexpected resource type %s", args.TypeToken)
	}
	if args.RegisterRPC != nil && args.RegisterRPC.GetImportId() != "" {
		id = args.RegisterRPC.GetImportId()
	}
	return id, outputs, nil
}
