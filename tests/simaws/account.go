package simaws

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// Defaults of a simulated account.
const (
	DefaultAccountID = "123456789012"
	DefaultRegion    = "us-east-1"
	DefaultPartition = "aws"
)

// Latency is how long an operation on one resource type takes: a duration drawn uniformly from [Min, Max].
type Latency struct {
	Min, Max time.Duration
}

// Fixed is a latency without randomness.
func Fixed(d time.Duration) Latency { return Latency{Min: d, Max: d} }

// Options configures an [Account].
type Options struct {
	// AccountID is the 12-digit account id. Default DefaultAccountID.
	AccountID string
	// Region is the one region the account has. Default DefaultRegion.
	Region string
	// Seed seeds the latencies and generated ids, so a run can be repeated. Default 1.
	Seed uint64
	// Latency is the create, update and delete latency per type token (e.g. "aws:iam/role:Role").
	Latency map[string]Latency
	// DefaultLatency is the latency of types not in Latency.
	DefaultLatency Latency
	// ReadLatency is the latency of a read per type token (a resource read, such as the account setting's
	// GetAccount, or an import); a type not in it is answered at once.
	ReadLatency map[string]Latency
	// InvokeLatency is the latency of a provider function per token (e.g.
	// "aws:index/getCallerIdentity:getCallerIdentity"); a function not in it is answered at once, as the
	// provider answers getPartition and getRegion without calling AWS.
	InvokeLatency map[string]Latency
}

// Op is an operation on a resource.
type Op string

// The operations recorded.
const (
	OpCreate Op = "create"
	OpUpdate Op = "update"
	OpDelete Op = "delete"
	// OpRead is a read of a resource (GetAccount for the account setting, a resource read, an import).
	OpRead Op = "read"
	// OpInvoke is a provider function (getCallerIdentity, getLogGroups, getPartition, …); its record's Type is
	// the function's token and its Stack is empty (the engine does not say which stack calls).
	OpInvoke Op = "invoke"
)

// Record is one operation the account served: which stack's resource, when it started and ended, and how it
// ended.
type Record struct {
	Stack string
	URN   string
	Type  string
	// Name is the resource's logical name (the last part of its URN).
	Name       string
	ID         string
	Op         Op
	Start, End time.Time
	// Err is the error the operation returned; empty on success.
	Err string
}

// Object is a resource that exists in the account.
type Object struct {
	Type string
	ID   string
	// Stack and URN name the stack that created it; empty for objects seeded by a test ("created outside").
	Stack string
	URN   string
	// Props are its current properties (inputs and outputs).
	Props property.Map
	// pending is true while its create call has not returned: it holds its name, but nothing can use it yet.
	pending bool
	// inputs are the inputs it was created or last updated with, which an import reads back.
	inputs property.Map
}

// Str returns a string property, or "" when it is absent or not a string.
func (o *Object) Str(key string) string {
	s, _ := str(o.Props, key)
	return s
}

// fault fails the nth operation op on type typ, once.
type fault struct {
	typ     string
	op      Op
	nth     int
	message string
	fired   bool
}

// Account is one simulated AWS account in one region, shared by every stack (and provider instance) that uses
// it. It is safe for concurrent use.
type Account struct {
	id, region, partition string

	mu       sync.Mutex
	rng      *rand.Rand
	latency  map[string]Latency
	deflat   Latency
	readLat  map[string]Latency
	callLat  map[string]Latency
	objects  map[string]*Object // by type + "|" + id
	records  []Record
	counts   map[string]int // operations started, by type + "|" + op
	faults   []*fault
	settings struct {
		// cloudwatchRoleARN is API Gateway's account setting: one per account and region. [V] API Gateway API
		// reference, UpdateAccount; components/AWS.md, "The account setting".
		cloudwatchRoleARN string
	}
}

// NewAccount returns an empty account.
func NewAccount(opts Options) *Account {
	if opts.AccountID == "" {
		opts.AccountID = DefaultAccountID
	}
	if opts.Region == "" {
		opts.Region = DefaultRegion
	}
	if opts.Seed == 0 {
		opts.Seed = 1
	}
	lat := map[string]Latency{}
	for k, v := range opts.Latency {
		lat[k] = v
	}
	return &Account{
		id:        opts.AccountID,
		region:    opts.Region,
		partition: DefaultPartition,
		rng:       rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x5eed)),
		latency:   lat,
		readLat:   maps.Clone(opts.ReadLatency),
		callLat:   maps.Clone(opts.InvokeLatency),
		deflat:    opts.DefaultLatency,
		objects:   map[string]*Object{},
		counts:    map[string]int{},
	}
}

// ID returns the account id.
func (a *Account) ID() string { return a.id }

// Region returns the account's region.
func (a *Account) Region() string { return a.region }

// FailOnce makes the nth (1-based) operation op on type typ fail once, with message, after its latency and
// before it changes anything: the resource is not created (or not updated).
func (a *Account) FailOnce(typ string, op Op, nth int, message string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.faults = append(a.faults, &fault{typ: typ, op: op, nth: a.counts[typ+"|"+string(op)] + nth, message: message})
}

// CloudWatchRoleARN returns API Gateway's account setting: the role it uses to write logs.
func (a *Account) CloudWatchRoleARN() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.settings.cloudwatchRoleARN
}

// Objects returns the objects that exist, sorted by type and id. Pending creates are left out.
func (a *Account) Objects() []Object {
	a.mu.Lock()
	defer a.mu.Unlock()
	var out []Object
	for _, o := range a.objects {
		if !o.pending {
			out = append(out, *o)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Type != out[j].Type {
			return out[i].Type < out[j].Type
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// ObjectsOf returns the objects of one type.
func (a *Account) ObjectsOf(typ string) []Object {
	var out []Object
	for _, o := range a.Objects() {
		if o.Type == typ {
			out = append(out, o)
		}
	}
	return out
}

// Records returns every operation served so far, in the order they started.
func (a *Account) Records() []Record {
	a.mu.Lock()
	defer a.mu.Unlock()
	out := append([]Record(nil), a.records...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start.Before(out[j].Start) })
	return out
}

// SeedRole creates a role outside any stack (as an administrator would), with the given trust policy and
// managed policies attached. It returns the role's ARN.
func (a *Account) SeedRole(name, assumeRolePolicy string, policyARNs ...string) string {
	a.mu.Lock()
	defer a.mu.Unlock()
	arn := a.roleARN("/", name)
	inputs := property.NewMap(map[string]property.Value{
		"name":             property.New(name),
		"assumeRolePolicy": property.New(assumeRolePolicy),
	})
	a.put(&Object{Type: TypeRole, ID: name, inputs: inputs, Props: inputs.Set("arn", property.New(arn))})
	for _, p := range policyARNs {
		id := name + "-" + a.hex(20)
		a.put(&Object{Type: TypeRolePolicyAttachment, ID: id, Props: property.NewMap(map[string]property.Value{
			"role": property.New(name), "policyArn": property.New(p),
		})})
	}
	return arn
}

// SeedLogGroup creates a log group outside any stack, as API Gateway or another tool would; retention 0 means
// none (never expire).
func (a *Account) SeedLogGroup(name string, retentionInDays int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	inputs := property.NewMap(map[string]property.Value{"name": property.New(name)})
	if retentionInDays > 0 {
		inputs = inputs.Set("retentionInDays", property.New(float64(retentionInDays)))
	}
	a.put(&Object{Type: TypeLogGroup, ID: name, inputs: inputs, Props: inputs.Set("arn", property.New(a.logGroupARN(name)))})
}

// SetCloudWatchRoleARN writes the account setting directly (as an administrator would, outside any stack).
func (a *Account) SetCloudWatchRoleARN(arn string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.settings.cloudwatchRoleARN = arn
}

// LoggingHealth checks, as API Gateway does when it delivers an access log line, that the stage (REST, HTTP or
// WebSocket) exists and has access logging on, and that its destination exists: a log group, or for REST a
// Firehose stream with the required name. REST and WebSocket stages that log to CloudWatch also need the
// account setting to name a role that exists, trusts apigateway.amazonaws.com and has
// AmazonAPIGatewayPushToCloudWatchLogs attached. nil means the stage's access logs would arrive.
func (a *Account) LoggingHealth(apiID, stageName string) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	needsRole := true
	stage := a.find(TypeStage, func(o *Object) bool {
		return o.Str("restApi") == apiID && o.Str("stageName") == stageName
	})
	if stage == nil {
		stage = a.find(TypeV2Stage, func(o *Object) bool { return o.Str("apiId") == apiID && o.Str("name") == stageName })
		if api := a.get(TypeV2API, apiID); api != nil && api.Str("protocolType") == "HTTP" {
			// HTTP APIs write with the deploying principal's permissions (components/AWS.md, "HTTP and
			// WebSocket APIs").
			needsRole = false
		}
	}
	if stage == nil {
		return fmt.Errorf("stage %s/%s does not exist", apiID, stageName)
	}
	settings, ok := stage.Props.GetOk("accessLogSettings")
	if !ok || !settings.IsMap() {
		return fmt.Errorf("stage %s/%s has no access log settings", apiID, stageName)
	}
	dest, _ := str(settings.AsMap(), "destinationArn")
	if p, ok := parseARN(dest); ok && p.Service == "firehose" {
		return checkFirehoseDestination(a, dest)
	}
	if a.logGroupByARN(dest) == nil {
		return fmt.Errorf("stage %s/%s logs to %s, which does not exist", apiID, stageName, dest)
	}
	if !needsRole {
		return nil
	}
	return a.checkCloudWatchRole(a.settings.cloudwatchRoleARN)
}

func key(typ, id string) string { return typ + "|" + id }

// objKey is an object's key in Account.objects. Every stack's resource of a singleton type (the account
// setting) has the same id, so those are keyed by URN too.
func objKey(typ, id, urn string) string {
	if k := kinds[typ]; k != nil && k.singleton {
		return typ + "|" + id + "|" + urn
	}
	return key(typ, id)
}

func (a *Account) put(o *Object) { a.objects[objKey(o.Type, o.ID, o.URN)] = o }

// lookup finds the object a provider request names, pending or not.
func (a *Account) lookup(typ, id, urn string) *Object { return a.objects[objKey(typ, id, urn)] }

func (a *Account) get(typ, id string) *Object {
	o := a.objects[key(typ, id)]
	if o == nil || o.pending {
		return nil
	}
	return o
}

// find returns an existing (not pending) object of typ that matches.
func (a *Account) find(typ string, match func(*Object) bool) *Object {
	for _, o := range a.objects {
		if o.Type == typ && !o.pending && match(o) {
			return o
		}
	}
	return nil
}

// taken reports whether an object of typ, existing or being created, matches: names are reserved from the
// moment the create call is made.
func (a *Account) taken(typ string, match func(*Object) bool) bool {
	for _, o := range a.objects {
		if o.Type == typ && match(o) {
			return true
		}
	}
	return false
}

func (a *Account) sampleLatency(typ string) time.Duration {
	l, ok := a.latency[typ]
	if !ok {
		l = a.deflat
	}
	return a.sample(l)
}

// sample draws a duration from l. The lock is held.
func (a *Account) sample(l Latency) time.Duration {
	if l.Max <= l.Min {
		return l.Min
	}
	return l.Min + time.Duration(a.rng.Int64N(int64(l.Max-l.Min)+1))
}

const lowerAlnum = "abcdefghijklmnopqrstuvwxyz0123456789"

func (a *Account) randString(n int, alphabet string) string {
	var b strings.Builder
	for range n {
		b.WriteByte(alphabet[a.rng.IntN(len(alphabet))])
	}
	return b.String()
}

func (a *Account) hex(n int) string { return a.randString(n, "0123456789abcdef") }

// roleARN is the ARN of the role name under path ("/" or "/a/b/"). [V] IAM user guide, "IAM identifiers":
// arn:aws:iam::123456789012:role/<path without the leading slash><name>.
func (a *Account) roleARN(path, name string) string {
	return fmt.Sprintf("arn:%s:iam::%s:role%s%s", a.partition, a.id, path, name)
}

func (a *Account) logGroupARN(name string) string {
	return fmt.Sprintf("arn:%s:logs:%s:%s:log-group:%s", a.partition, a.region, a.id, name)
}

// logGroupByARN finds the log group a destination ARN names; nil if none.
func (a *Account) logGroupByARN(arn string) *Object {
	p, ok := parseARN(arn)
	if !ok || p.Service != "logs" || p.Region != a.region || p.Account != a.id || !strings.HasPrefix(p.Resource, "log-group:") {
		return nil
	}
	return a.get(TypeLogGroup, strings.TrimPrefix(p.Resource, "log-group:"))
}

// roleByARN finds the role an ARN names; nil if none.
func (a *Account) roleByARN(arn string) *Object {
	p, ok := parseARN(arn)
	if !ok || p.Service != "iam" || p.Account != a.id || p.Partition != a.partition || !strings.HasPrefix(p.Resource, "role/") {
		return nil
	}
	name := p.Resource[strings.LastIndex(p.Resource, "/")+1:]
	role := a.get(TypeRole, name)
	if role == nil || role.Str("arn") != arn {
		return nil
	}
	return role
}

// attached reports whether the managed policy is attached to the role (an attachment that exists).
func (a *Account) attached(roleName, policyARN string) bool {
	return a.find(TypeRolePolicyAttachment, func(o *Object) bool {
		return o.Str("role") == roleName && o.Str("policyArn") == policyARN
	}) != nil
}

// errNoPermissions is what API Gateway answers when UpdateAccount names a role it cannot use. [V]
// components/AWS.md, "The account setting" (the check: UpdateAccount; the message text: aws-cdk #2194).
const errNoPermissions = "BadRequestException: The role ARN does not have required permissions set to API Gateway"

// checkCloudWatchRole checks the role API Gateway's account setting names, as UpdateAccount does: it exists,
// trusts apigateway.amazonaws.com, and has AmazonAPIGatewayPushToCloudWatchLogs attached. [V]
// components/AWS.md, "The account setting"; API Gateway developer guide, "Set up CloudWatch logging for REST
// APIs".
func (a *Account) checkCloudWatchRole(arn string) error {
	if arn == "" {
		// [S] aws-cdk PR #18011 (components/AWS.md, "The account setting"): UpdateStage with access logs
		// while the account has no role.
		return awsError("BadRequestException", "CloudWatch Logs role ARN must be set in account settings to enable logging")
	}
	role := a.roleByARN(arn)
	if role == nil {
		return fmt.Errorf("%s (role %s does not exist)", errNoPermissions, arn)
	}
	ok, err := trustsService(role.Str("assumeRolePolicy"), "apigateway.amazonaws.com")
	if err != nil || !ok {
		return fmt.Errorf("%s (role %s does not trust apigateway.amazonaws.com)", errNoPermissions, arn)
	}
	p, _ := parseARN(arn)
	if !a.attached(role.ID, pushToCloudWatchPolicyARN(p.Partition)) {
		return fmt.Errorf("%s (role %s does not have AmazonAPIGatewayPushToCloudWatchLogs attached)", errNoPermissions, arn)
	}
	return nil
}
