package simaws

import (
	"context"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const trustAPIGateway = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",` +
	`"Principal":{"Service":"apigateway.amazonaws.com"},"Action":"sts:AssumeRole"}]}`

func urn(typ, name string) resource.URN {
	return resource.URN("urn:pulumi:dev::apigw-access-logs::" + typ + "::" + name)
}

func props(kv ...any) property.Map {
	m := map[string]property.Value{}
	for i := 0; i < len(kv); i += 2 {
		v, err := property.Any(kv[i+1])
		if err != nil {
			panic(err)
		}
		m[kv[i].(string)] = v
	}
	return property.NewMap(m)
}

// create calls the provider's Create and returns the id and outputs.
func create(t *testing.T, p plugin.Provider, typ, name string, in property.Map) (string, property.Map, error) {
	t.Helper()
	res, err := p.Create(context.Background(), plugin.CreateRequest{URN: urn(typ, name), Type: "", Properties: in})
	return string(res.ID), res.Properties, err
}

func mustCreate(t *testing.T, p plugin.Provider, typ, name string, in property.Map) (string, property.Map) {
	t.Helper()
	id, out, err := create(t, p, typ, name, in)
	require.NoError(t, err, "create %s %s", typ, name)
	return id, out
}

func TestTrustsService(t *testing.T) {
	t.Parallel()
	cases := []struct {
		policy string
		want   bool
	}{
		{trustAPIGateway, true},
		{`{"Statement":{"Effect":"Allow","Principal":{"Service":["lambda.amazonaws.com","apigateway.amazonaws.com"]},"Action":["sts:AssumeRole"]}}`, true},
		{`{"Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`, false},
		{`{"Statement":[{"Effect":"Deny","Principal":{"Service":"apigateway.amazonaws.com"},"Action":"sts:AssumeRole"}]}`, false},
		{`{"Statement":[{"Effect":"Allow","Principal":{"Service":"apigateway.amazonaws.com"},"Action":"s3:GetObject"}]}`, false},
		{`{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}`, false},
	}
	for _, c := range cases {
		got, err := trustsService(c.policy, "apigateway.amazonaws.com")
		require.NoError(t, err)
		assert.Equal(t, c.want, got, c.policy)
	}
	_, err := trustsService("{not json", "apigateway.amazonaws.com")
	assert.ErrorContains(t, err, "MalformedPolicyDocument")
}

func TestAccessLogFormatRules(t *testing.T) {
	t.Parallel()
	assert.NoError(t, checkAccessLogFormat(`$context.requestId $context.status`))
	assert.NoError(t, checkAccessLogFormat(`$context.extendedRequestId`+"\n"), "a newline at the end is allowed")
	assert.ErrorContains(t, checkAccessLogFormat(`$context.requestId`+"\n"+`$context.status`), "single line")
	assert.ErrorContains(t, checkAccessLogFormat(`$context.status`), "$context.requestId")
	assert.ErrorContains(t, checkAccessLogFormat(`$context.requestIdentity`), "$context.requestId")
	assert.Error(t, checkAccessLogFormat(""))
}

func TestLogGroupRules(t *testing.T) {
	t.Parallel()
	a := NewAccount(Options{})
	p := a.Provider()
	id, out := mustCreate(t, p, TypeLogGroup, "g", props("name", "/apigateway/x", "retentionInDays", 7.0))
	assert.Equal(t, "/apigateway/x", id)
	assert.Equal(t, "arn:aws:logs:us-east-1:123456789012:log-group:/apigateway/x", out.Get("arn").AsString())

	_, _, err := create(t, p, TypeLogGroup, "g2", props("name", "/apigateway/x"))
	assert.ErrorContains(t, err, "ResourceAlreadyExistsException")
	_, _, err = create(t, p, TypeLogGroup, "g3", props("name", "/apigateway/y", "retentionInDays", 8.0))
	assert.ErrorContains(t, err, "retentionInDays 8")
	_, _, err = create(t, p, TypeLogGroup, "g4", props("name", "aws/mine"))
	assert.ErrorContains(t, err, "reserved")
	_, _, err = create(t, p, TypeLogGroup, "g5", props("name", "has space"))
	assert.ErrorContains(t, err, "InvalidParameterException")
	_, _, err = create(t, p, TypeLogGroup, "g6", props("name", "/never", "retentionInDays", 0.0))
	assert.NoError(t, err, "0 means never expire")

	check, err := p.Check(context.Background(), plugin.CheckRequest{URN: urn(TypeLogGroup, "g"),
		NewInputs: props("name", "/a", "retentionInDays", 2.0, "logGroupClass", "COLD"), RandomSeed: []byte{1}})
	require.NoError(t, err)
	assert.Len(t, check.Failures, 2, "%v", check.Failures)
}

func TestAutonaming(t *testing.T) {
	t.Parallel()
	p := NewAccount(Options{}).Provider()
	check := func(typ, name string, news, olds property.Map) plugin.CheckResponse {
		res, err := p.Check(context.Background(), plugin.CheckRequest{URN: urn(typ, name), NewInputs: news,
			OldInputs: olds, RandomSeed: []byte("seed")})
		require.NoError(t, err)
		return res
	}
	res := check(TypeRole, "my-role", props("assumeRolePolicy", trustAPIGateway), property.Map{})
	require.Empty(t, res.Failures)
	assert.Regexp(t, `^my-role-[0-9a-f]{7}$`, res.Properties.Get("name").AsString())
	again := check(TypeRole, "my-role", props("assumeRolePolicy", trustAPIGateway), property.Map{})
	assert.Equal(t, res.Properties.Get("name"), again.Properties.Get("name"), "the same seed names the same")

	kept := check(TypeRole, "my-role", props("assumeRolePolicy", trustAPIGateway), props("name", "my-role-abcdef1"))
	assert.Equal(t, "my-role-abcdef1", kept.Properties.Get("name").AsString(), "an autoname, once chosen, is kept")

	long := check(TypeRole, strings.Repeat("r", 60), props("assumeRolePolicy", trustAPIGateway), property.Map{})
	require.Len(t, long.Failures, 1, "IAM role names are at most 64 characters")

	given := check(TypeLogGroup, "g", props("name", "/mine"), property.Map{})
	assert.Equal(t, "/mine", given.Properties.Get("name").AsString())
}

func TestIAMRules(t *testing.T) {
	t.Parallel()
	a := NewAccount(Options{})
	p := a.Provider()
	mustCreate(t, p, TypeRole, "r", props("name", "apigw-exec-role", "assumeRolePolicy", trustAPIGateway))
	_, _, err := create(t, p, TypeRole, "r2", props("name", "APIGW-EXEC-ROLE", "assumeRolePolicy", trustAPIGateway))
	assert.ErrorContains(t, err, "EntityAlreadyExists")

	_, _, err = create(t, p, TypeRolePolicyAttachment, "a0", props("role", "nope", "policyArn", pushToCloudWatchPolicyARN("aws")))
	assert.ErrorContains(t, err, "NoSuchEntity")
	_, _, err = create(t, p, TypeRolePolicyAttachment, "a1", props("role", "apigw-exec-role", "policyArn", "arn:aws:iam::aws:policy/Made-Up"))
	assert.ErrorContains(t, err, "NoSuchEntity")
	mustCreate(t, p, TypeRolePolicyAttachment, "a", props("role", "apigw-exec-role", "policyArn", pushToCloudWatchPolicyARN("aws")))

	_, err = p.Delete(context.Background(), plugin.DeleteRequest{URN: urn(TypeRole, "r"), ID: "apigw-exec-role"})
	assert.ErrorContains(t, err, "DeleteConflict", "a role with attached policies cannot be deleted")
}

func TestAccountSettingRules(t *testing.T) {
	t.Parallel()
	a := NewAccount(Options{})
	p := a.Provider()
	account := func(arn string) error {
		_, _, err := create(t, p, TypeAccount, "acct", props("cloudwatchRoleArn", arn))
		return err
	}
	assert.ErrorContains(t, account(a.roleARN("/", "missing")), errNoPermissions)

	noTrust := a.SeedRole("lambda-role", `{"Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`,
		pushToCloudWatchPolicyARN("aws"))
	assert.ErrorContains(t, account(noTrust), errNoPermissions)

	noPolicy := a.SeedRole("bare-role", trustAPIGateway)
	assert.ErrorContains(t, account(noPolicy), errNoPermissions)
	assert.Empty(t, a.CloudWatchRoleARN(), "a failed UpdateAccount changes nothing")

	good := a.SeedRole("good-role", trustAPIGateway, pushToCloudWatchPolicyARN("aws"))
	require.NoError(t, account(good))
	assert.Equal(t, good, a.CloudWatchRoleARN())
	require.NoError(t, a.checkCloudWatchRole(a.CloudWatchRoleARN()))

	// pulumi-aws v6 leaves the setting on delete unless resetOnDelete.
	_, err := p.Delete(context.Background(), plugin.DeleteRequest{URN: urn(TypeAccount, "acct"), ID: accountSettingID})
	require.NoError(t, err)
	assert.Equal(t, good, a.CloudWatchRoleARN())
}

// restAPI builds a REST API with GET / and a MOCK integration, and returns the API and deployment ids.
func restAPI(t *testing.T, p plugin.Provider, withDeployment bool) (api, deployment string) {
	t.Helper()
	api, out := mustCreate(t, p, TypeRestAPI, "api", props("name", "api"))
	root := out.Get("rootResourceId").AsString()
	mustCreate(t, p, TypeMethod, "get", props("restApi", api, "resourceId", root, "httpMethod", "GET", "authorization", "NONE"))
	mustCreate(t, p, TypeIntegration, "mock", props("restApi", api, "resourceId", root, "httpMethod", "GET", "type", "MOCK"))
	if withDeployment {
		deployment, _ = mustCreate(t, p, TypeDeployment, "dep", props("restApi", api))
	}
	return api, deployment
}

func TestAPIGatewayRules(t *testing.T) {
	t.Parallel()
	a := NewAccount(Options{})
	p := a.Provider()

	emptyAPI, _ := mustCreate(t, p, TypeRestAPI, "empty", props("name", "empty"))
	_, _, err := create(t, p, TypeDeployment, "d0", props("restApi", emptyAPI))
	assert.ErrorContains(t, err, "doesn't contain any methods")

	api, dep := restAPI(t, p, true)
	group, groupOut := mustCreate(t, p, TypeLogGroup, "g", props("name", "/access"))
	groupARN := groupOut.Get("arn").AsString()
	stage := func(name, dest, format string) error {
		_, _, err := create(t, p, TypeStage, name, props("restApi", api, "deployment", dep, "stageName", name,
			"accessLogSettings", map[string]property.Value{
				"destinationArn": property.New(dest), "format": property.New(format)}))
		return err
	}
	assert.ErrorContains(t, stage("s1", groupARN, "$context.requestId"), "CloudWatch Logs role ARN must be set")

	a.SetCloudWatchRoleARN(a.SeedRole("good", trustAPIGateway, pushToCloudWatchPolicyARN("aws")))
	assert.ErrorContains(t, stage("s2", groupARN+":*", "$context.requestId"), "trailing :*")
	assert.ErrorContains(t, stage("s3", a.logGroupARN("/missing"), "$context.requestId"), "does not exist")
	assert.ErrorContains(t, stage("s4", groupARN, "$context.status"), "$context.requestId")
	require.NoError(t, stage("dev", groupARN, "$context.requestId"))
	assert.ErrorContains(t, stage("dev", groupARN, "$context.requestId"), "ConflictException")
	require.NoError(t, a.LoggingHealth(api, "dev"))

	_, err = p.Delete(context.Background(), plugin.DeleteRequest{URN: urn(TypeDeployment, "dep"), ID: resource.ID(dep)})
	assert.ErrorContains(t, err, "Active stages")

	// Deleting the log group breaks logging, and the health check says so.
	_, err = p.Delete(context.Background(), plugin.DeleteRequest{URN: urn(TypeLogGroup, "g"), ID: resource.ID(group)})
	require.NoError(t, err)
	assert.ErrorContains(t, a.LoggingHealth(api, "dev"), "does not exist")
}

func TestDiffReplacesOnlyForceNew(t *testing.T) {
	t.Parallel()
	p := NewAccount(Options{}).Provider()
	diff := func(typ string, olds, news property.Map) plugin.DiffResult {
		res, err := p.Diff(context.Background(), plugin.DiffRequest{URN: urn(typ, "x"), OldInputs: olds, NewInputs: news})
		require.NoError(t, err)
		return res
	}
	same := diff(TypeLogGroup, props("name", "/a", "retentionInDays", 7.0), props("name", "/a", "retentionInDays", 7.0))
	assert.Equal(t, plugin.DiffNone, same.Changes)

	retention := diff(TypeLogGroup, props("name", "/a", "retentionInDays", 7.0), props("name", "/a", "retentionInDays", 30.0))
	assert.Equal(t, plugin.DiffSome, retention.Changes)
	assert.Empty(t, retention.ReplaceKeys)

	rename := diff(TypeLogGroup, props("name", "/a"), props("name", "/b"))
	assert.Equal(t, []resource.PropertyKey{"name"}, rename.ReplaceKeys)

	class := diff(TypeLogGroup, props("name", "/a"), props("name", "/a", "logGroupClass", "INFREQUENT_ACCESS"))
	assert.Equal(t, []resource.PropertyKey{"logGroupClass"}, class.ReplaceKeys)

	format := diff(TypeStage,
		props("restApi", "a", "stageName", "dev", "accessLogSettings", map[string]property.Value{"format": property.New("1")}),
		props("restApi", "a", "stageName", "dev", "accessLogSettings", map[string]property.Value{"format": property.New("2")}))
	assert.Empty(t, format.ReplaceKeys)
	assert.Equal(t, []resource.PropertyKey{"accessLogSettings"}, format.ChangedKeys)

	stageName := diff(TypeStage, props("restApi", "a", "stageName", "dev"), props("restApi", "a", "stageName", "prod"))
	assert.Equal(t, []resource.PropertyKey{"stageName"}, stageName.ReplaceKeys)

	unknown := diff(TypeRolePolicyAttachment, props("role", "r", "policyArn", "p"),
		property.NewMap(map[string]property.Value{"role": property.New(property.Computed), "policyArn": property.New("p")}))
	assert.Equal(t, []resource.PropertyKey{"role"}, unknown.ReplaceKeys, "an unknown force-new input may replace")
}

func TestUnknownTypeFailsLoudly(t *testing.T) {
	t.Parallel()
	p := NewAccount(Options{}).Provider()
	_, err := p.Check(context.Background(), plugin.CheckRequest{URN: urn("aws:s3/bucket:Bucket", "b"), RandomSeed: []byte{1}})
	assert.ErrorContains(t, err, "not simulated")
	_, _, err = create(t, p, "aws:s3/bucket:Bucket", "b", property.Map{})
	assert.ErrorContains(t, err, "not simulated")
}

func TestFailOnceFailsTheNthCreateOnce(t *testing.T) {
	t.Parallel()
	a := NewAccount(Options{})
	p := a.Provider()
	a.FailOnce(TypeLogGroup, OpCreate, 2, "InternalFailure")
	mustCreate(t, p, TypeLogGroup, "g1", props("name", "/1"))
	_, _, err := create(t, p, TypeLogGroup, "g2", props("name", "/2"))
	assert.ErrorContains(t, err, "InternalFailure")
	assert.Len(t, a.ObjectsOf(TypeLogGroup), 1, "the failed create left nothing")
	mustCreate(t, p, TypeLogGroup, "g2", props("name", "/2"))
	records := a.Records()
	require.Len(t, records, 3)
	assert.NotEmpty(t, records[1].Err)
}
