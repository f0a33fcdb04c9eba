package simaws

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/pkg/v3/resource/deploy/deploytest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// ProviderVersion is the pulumi-aws version the simulated provider stands in for: the version the program's
// SDK (github.com/pulumi/pulumi-aws/sdk/v6 v6.83.4) asks the engine for.
var ProviderVersion = semver.MustParse("6.83.4")

// Loader returns the plugin loader that makes the engine use this account as the `aws` provider. Each load
// returns a new provider instance over the same account.
func (a *Account) Loader() *deploytest.ProviderLoader {
	return deploytest.NewProviderLoader("aws", ProviderVersion, func() (plugin.Provider, error) {
		return a.Provider(), nil
	})
}

// Provider returns a provider over the account.
func (a *Account) Provider() plugin.Provider {
	return &deploytest.Provider{
		Package:    "aws",
		Version:    ProviderVersion,
		ConfigureF: a.configure,
		CheckF:     a.check,
		DiffF:      a.diff,
		CreateF:    a.create,
		UpdateF:    a.update,
		DeleteF:    a.delete,
		ReadF:      a.read,
		InvokeF:    a.invoke,
	}
}

// invoke answers the provider functions the program calls, after the function's latency (none for those the
// provider answers itself), and records each call.
func (a *Account) invoke(ctx context.Context, req plugin.InvokeRequest) (plugin.InvokeResponse, error) {
	start := time.Now()
	a.mu.Lock()
	latency := a.sample(a.callLat[string(req.Tok)])
	a.mu.Unlock()
	err := wait(ctx, latency)
	var resp plugin.InvokeResponse
	if err == nil {
		resp, err = a.answer(req)
	}
	a.mu.Lock()
	a.records = append(a.records, Record{Type: string(req.Tok), Op: OpInvoke, Start: start, End: time.Now()})
	if err != nil {
		a.records[len(a.records)-1].Err = err.Error()
	}
	a.mu.Unlock()
	return resp, err
}

// answer is what a provider function returns.
func (a *Account) answer(req plugin.InvokeRequest) (plugin.InvokeResponse, error) {
	switch req.Tok {
	case "aws:index/getPartition:getPartition":
		// [V] pulumi-aws getPartition: the provider's partition and its DNS suffix, without calling AWS.
		return plugin.InvokeResponse{Properties: property.NewMap(map[string]property.Value{
			"id": property.New(a.partition), "partition": property.New(a.partition),
			"dnsSuffix": property.New("amazonaws.com"), "reverseDnsPrefix": property.New("com.amazonaws"),
		})}, nil
	case "aws:index/getCallerIdentity:getCallerIdentity":
		return plugin.InvokeResponse{Properties: property.NewMap(map[string]property.Value{
			"id": property.New(a.id), "accountId": property.New(a.id),
			"arn":    property.New(fmt.Sprintf("arn:%s:iam::%s:user/deployer", a.partition, a.id)),
			"userId": property.New("AIDAEXAMPLEDEPLOYER"),
		})}, nil
	case "aws:index/getRegion:getRegion":
		return plugin.InvokeResponse{Properties: property.NewMap(map[string]property.Value{
			"id": property.New(a.region), "name": property.New(a.region),
			"endpoint":    property.New("ec2." + a.region + ".amazonaws.com"),
			"description": property.New(a.region),
		})}, nil
	case "aws:cloudwatch/getLogGroups:getLogGroups":
		// [V] CloudWatch Logs API reference, DescribeLogGroups with logGroupNamePrefix (pulumi-aws getLogGroups).
		a.mu.Lock()
		defer a.mu.Unlock()
		prefix, _ := str(req.Args, "logGroupNamePrefix")
		var names, arns []property.Value
		for _, o := range a.objects {
			if o.Type == TypeLogGroup && !o.pending && strings.HasPrefix(o.ID, prefix) {
				names = append(names, property.New(o.ID))
				arns = append(arns, property.New(a.logGroupARN(o.ID)))
			}
		}
		return plugin.InvokeResponse{Properties: property.NewMap(map[string]property.Value{
			"id": property.New(a.region), "logGroupNamePrefix": property.New(prefix),
			"logGroupNames": property.New(names), "arns": property.New(arns),
		})}, nil
	case "aws:cloudwatch/getLogGroup:getLogGroup":
		a.mu.Lock()
		defer a.mu.Unlock()
		name, _ := str(req.Args, "name")
		o := a.get(TypeLogGroup, name)
		if o == nil {
			return plugin.InvokeResponse{}, awsError("ResourceNotFoundException", "The specified log group does not exist: %s", name)
		}
		tags := property.New(map[string]property.Value{})
		if t, ok := o.Props.GetOk("tags"); ok && t.IsMap() {
			tags = t
		}
		retention := 0.0
		if d, ok := num(o.Props, "retentionInDays"); ok {
			retention = d
		}
		return plugin.InvokeResponse{Properties: property.NewMap(map[string]property.Value{
			"id": property.New(name), "name": property.New(name), "arn": property.New(a.logGroupARN(name) + ":*"),
			"tags": tags, "retentionInDays": property.New(retention), "kmsKeyId": property.New(o.Str("kmsKeyId")),
			"logGroupClass": property.New("STANDARD"), "creationTime": property.New(0.0),
		})}, nil
	}
	return plugin.InvokeResponse{}, awsError("simaws", "function %s is not simulated", req.Tok)
}

func (a *Account) configure(_ context.Context, req plugin.ConfigureRequest) (plugin.ConfigureResponse, error) {
	if region, ok := str(req.Inputs, "region"); ok && region != a.region {
		return plugin.ConfigureResponse{}, awsError("simaws", "the simulated account %s is in %s, not %s",
			a.id, a.region, region)
	}
	return plugin.ConfigureResponse{}, nil
}

// typeOf is a request's resource type; the engine does not always fill in the request's Type, but the URN
// always carries it.
func typeOf(typ tokens.Type, urn resource.URN) tokens.Type {
	if typ == "" {
		return urn.Type()
	}
	return typ
}

func kindOf(typ tokens.Type) (*kind, error) {
	k := kinds[string(typ)]
	if k == nil {
		return nil, awsError("simaws", "resource type %s is not simulated; add it to tests/simaws/types.go", typ)
	}
	return k, nil
}

// check validates inputs and fills in autonamed names, like pulumi-aws's Check.
func (a *Account) check(_ context.Context, req plugin.CheckRequest) (plugin.CheckResponse, error) {
	req.Type = typeOf(req.Type, req.URN)
	k, err := kindOf(req.Type)
	if err != nil {
		return plugin.CheckResponse{}, err
	}
	in := req.NewInputs
	if k.autoName > 0 && isAbsent(in, "name") {
		switch prefix, hasPrefix := str(in, "namePrefix"); {
		case hasPrefix:
			// terraform-provider-aws create.Name: name_prefix + a 26-digit unique suffix.
			suffix, err := resource.NewUniqueName(req.RandomSeed, "", 26, 0, []rune("0123456789"))
			if err != nil {
				return plugin.CheckResponse{}, err
			}
			in = in.Set("name", property.New(prefix+suffix))
		case !isAbsent(req.OldInputs, "name"):
			// pulumi-aws keeps an autoname once chosen, so a second run does not rename (replace) anything.
			in = in.Set("name", req.OldInputs.Get("name"))
		default:
			// pulumi-terraform-bridge autonaming: resource.NewUniqueName(seed, "<name>-", 7, maxlen).
			name, err := resource.NewUniqueName(req.RandomSeed, req.URN.Name()+"-", 7, k.autoName, nil)
			if err != nil {
				return plugin.CheckResponse{Failures: []plugin.CheckFailure{{Property: "name", Reason: err.Error()}}}, nil
			}
			in = in.Set("name", property.New(name))
		}
	}
	var failures []plugin.CheckFailure
	for _, r := range k.required {
		if isAbsent(in, r) {
			failures = append(failures, plugin.CheckFailure{Property: resource.PropertyKey(r),
				Reason: fmt.Sprintf("Missing required property '%s'", r)})
		}
	}
	if k.check != nil {
		for _, f := range k.check(in) {
			prop, reason, _ := strings.Cut(f, ": ")
			failures = append(failures, plugin.CheckFailure{Property: resource.PropertyKey(prop), Reason: reason})
		}
	}
	return plugin.CheckResponse{Properties: in, Failures: failures}, nil
}

// diff compares old and new inputs: a change to a force-new input replaces the resource, any other change
// updates it in place.
func (a *Account) diff(_ context.Context, req plugin.DiffRequest) (plugin.DiffResult, error) {
	req.Type = typeOf(req.Type, req.URN)
	k, err := kindOf(req.Type)
	if err != nil {
		return plugin.DiffResult{}, err
	}
	keys := map[string]bool{}
	for key := range req.OldInputs.All {
		keys[key] = true
	}
	for key := range req.NewInputs.All {
		keys[key] = true
	}
	var changed, replace []resource.PropertyKey
	detailed := map[string]plugin.PropertyDiff{}
	for key := range keys {
		if strings.HasPrefix(key, "__") {
			continue
		}
		oldV, hadOld := req.OldInputs.GetOk(key)
		newV, hasNew := req.NewInputs.GetOk(key)
		if hadOld && hasNew && !newV.HasComputed() && oldV.Equals(newV) {
			continue
		}
		if hadOld && hasNew && slices.Contains(k.sameJSON, key) && sameJSON(oldV, newV) {
			continue
		}
		if !hadOld && hasNew && newV.IsNull() || hadOld && !hasNew && oldV.IsNull() {
			continue
		}
		kind := plugin.DiffUpdate
		switch {
		case !hadOld || oldV.IsNull():
			kind = plugin.DiffAdd
		case !hasNew || newV.IsNull():
			kind = plugin.DiffDelete
		}
		changed = append(changed, resource.PropertyKey(key))
		if slices.Contains(k.forceNew, key) {
			replace = append(replace, resource.PropertyKey(key))
			kind = plugin.PropertyDiff{Kind: kind}.ToReplace().Kind
		}
		detailed[key] = plugin.PropertyDiff{Kind: kind, InputDiff: true}
	}
	if len(changed) == 0 {
		return plugin.DiffResult{Changes: plugin.DiffNone}, nil
	}
	sort.Slice(changed, func(i, j int) bool { return changed[i] < changed[j] })
	sort.Slice(replace, func(i, j int) bool { return replace[i] < replace[j] })
	return plugin.DiffResult{
		Changes:      plugin.DiffSome,
		ChangedKeys:  changed,
		ReplaceKeys:  replace,
		DetailedDiff: detailed,
	}, nil
}

// begin starts recording an operation and reports whether an injected fault will fail it. The lock is held.
func (a *Account) begin(typ string, op Op) (fail string) {
	a.counts[typ+"|"+string(op)]++
	n := a.counts[typ+"|"+string(op)]
	for _, f := range a.faults {
		if !f.fired && f.typ == typ && f.op == op && f.nth == n {
			f.fired = true
			return f.message
		}
	}
	return ""
}

func (a *Account) record(urn resource.URN, typ, id string, op Op, start time.Time, err error) {
	r := Record{
		Stack: urn.Stack().String(), URN: string(urn), Type: typ, Name: urn.Name(), ID: id, Op: op,
		Start: start, End: time.Now(),
	}
	if err != nil {
		r.Err = err.Error()
	}
	a.records = append(a.records, r)
}

// wait sleeps for the operation's latency, or until the engine cancels it.
func wait(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// settle waits out an operation's sampled latency with the account unlocked, so other operations interleave
// as they would on AWS, then locks it again and returns how the operation ends: an injected fault, the
// context's error, or nil. Called with a.mu held; returns with a.mu held.
func (a *Account) settle(ctx context.Context, typ, fault string) error {
	latency := a.sampleLatency(typ)
	a.mu.Unlock()
	err := wait(ctx, latency)
	a.mu.Lock()
	if fault != "" {
		return errors.New(fault)
	}
	return err
}

func (a *Account) create(ctx context.Context, req plugin.CreateRequest) (plugin.CreateResponse, error) {
	req.Type = typeOf(req.Type, req.URN)
	k, err := kindOf(req.Type)
	if err != nil {
		return plugin.CreateResponse{}, err
	}
	typ, in := string(req.Type), req.Properties
	if req.Preview {
		// A preview calls no AWS API: outputs that AWS computes are unknown.
		out := in
		for _, c := range k.computed {
			out = out.Set(c, property.New(property.Computed))
		}
		return plugin.CreateResponse{Properties: out}, nil
	}

	start := time.Now()
	a.mu.Lock()
	fault := a.begin(typ, OpCreate)
	id, err := "", error(nil)
	if k.create != nil {
		id, err = k.create(a, in)
	} else {
		id = a.randString(10, lowerAlnum)
	}
	if err != nil {
		a.record(req.URN, typ, "", OpCreate, start, err)
		a.mu.Unlock()
		return plugin.CreateResponse{}, err
	}
	obj := &Object{Type: typ, ID: id, Stack: req.URN.Stack().String(), URN: string(req.URN), pending: true, inputs: in}
	obj.Props = withOutputs(a, k, id, in, nil)
	a.put(obj)
	err = a.settle(ctx, typ, fault)
	defer a.mu.Unlock()
	if err != nil {
		delete(a.objects, objKey(typ, id, string(req.URN)))
		a.record(req.URN, typ, id, OpCreate, start, err)
		return plugin.CreateResponse{}, err
	}
	obj.pending = false
	if k.committed != nil {
		k.committed(a, obj)
	}
	a.record(req.URN, typ, id, OpCreate, start, nil)
	return plugin.CreateResponse{ID: resource.ID(id), Properties: obj.Props, Status: resource.StatusOK}, nil
}

func (a *Account) update(ctx context.Context, req plugin.UpdateRequest) (plugin.UpdateResponse, error) {
	req.Type = typeOf(req.Type, req.URN)
	k, err := kindOf(req.Type)
	if err != nil {
		return plugin.UpdateResponse{}, err
	}
	typ, id, in := string(req.Type), string(req.ID), req.NewInputs
	if req.Preview {
		out := req.OldOutputs
		for key, v := range in.All {
			out = out.Set(key, v)
		}
		return plugin.UpdateResponse{Properties: out, Status: resource.StatusOK}, nil
	}

	start := time.Now()
	a.mu.Lock()
	fault := a.begin(typ, OpUpdate)
	obj := a.lookup(typ, id, string(req.URN))
	if obj == nil || obj.pending {
		err := awsError("NotFoundException", "%s %s does not exist", typ, id)
		a.record(req.URN, typ, id, OpUpdate, start, err)
		a.mu.Unlock()
		return plugin.UpdateResponse{}, err
	}
	if k.update != nil {
		err = k.update(a, obj, in)
	}
	if err != nil {
		a.record(req.URN, typ, id, OpUpdate, start, err)
		a.mu.Unlock()
		return plugin.UpdateResponse{}, err
	}
	props := withOutputs(a, k, id, in, obj)
	err = a.settle(ctx, typ, fault)
	defer a.mu.Unlock()
	if err != nil {
		a.record(req.URN, typ, id, OpUpdate, start, err)
		return plugin.UpdateResponse{}, err
	}
	obj.Props, obj.inputs = props, in
	if k.committed != nil {
		k.committed(a, obj)
	}
	a.record(req.URN, typ, id, OpUpdate, start, nil)
	return plugin.UpdateResponse{Properties: props, Status: resource.StatusOK}, nil
}

func (a *Account) delete(ctx context.Context, req plugin.DeleteRequest) (plugin.DeleteResponse, error) {
	req.Type = typeOf(req.Type, req.URN)
	k, err := kindOf(req.Type)
	if err != nil {
		return plugin.DeleteResponse{}, err
	}
	typ, id := string(req.Type), string(req.ID)
	start := time.Now()
	a.mu.Lock()
	fault := a.begin(typ, OpDelete)
	obj := a.lookup(typ, id, string(req.URN))
	if obj == nil {
		// Already gone: pulumi-aws treats NotFound on delete as success.
		a.record(req.URN, typ, id, OpDelete, start, nil)
		a.mu.Unlock()
		return plugin.DeleteResponse{Status: resource.StatusOK}, nil
	}
	if k.del != nil {
		if err := k.del(a, obj); err != nil {
			a.record(req.URN, typ, id, OpDelete, start, err)
			a.mu.Unlock()
			return plugin.DeleteResponse{Status: resource.StatusOK}, err
		}
	}
	err = a.settle(ctx, typ, fault)
	defer a.mu.Unlock()
	if err != nil {
		a.record(req.URN, typ, id, OpDelete, start, err)
		return plugin.DeleteResponse{Status: resource.StatusOK}, err
	}
	delete(a.objects, objKey(typ, id, string(req.URN)))
	if k.deleted != nil {
		k.deleted(a, obj)
	}
	a.record(req.URN, typ, id, OpDelete, start, nil)
	return plugin.DeleteResponse{Status: resource.StatusOK}, nil
}

func (a *Account) read(ctx context.Context, req plugin.ReadRequest) (plugin.ReadResponse, error) {
	req.Type = typeOf(req.Type, req.URN)
	if _, err := kindOf(req.Type); err != nil {
		return plugin.ReadResponse{}, err
	}
	start := time.Now()
	a.mu.Lock()
	latency := a.sample(a.readLat[string(req.Type)])
	a.mu.Unlock()
	err := wait(ctx, latency)
	a.mu.Lock()
	defer a.mu.Unlock()
	a.record(req.URN, string(req.Type), string(req.ID), OpRead, start, err)
	if err != nil {
		return plugin.ReadResponse{}, err
	}
	obj := a.lookup(string(req.Type), string(req.ID), string(req.URN))
	if req.Type == TypeAccount && string(req.ID) == accountSettingID {
		// [V] API Gateway API reference, GetAccount: the setting always exists; the role is empty until someone
		// sets it. Every stack reads the same setting, whoever wrote it last.
		props := property.NewMap(map[string]property.Value{"cloudwatchRoleArn": property.New(a.settings.cloudwatchRoleARN)})
		if obj != nil {
			props = obj.Props.Set("cloudwatchRoleArn", property.New(a.settings.cloudwatchRoleARN))
		}
		inputs := req.Inputs
		return plugin.ReadResponse{
			ReadResult: plugin.ReadResult{ID: req.ID, Inputs: &inputs, Outputs: &props},
			Status:     resource.StatusOK,
		}, nil
	}
	if obj == nil || obj.pending {
		return plugin.ReadResponse{ReadResult: plugin.ReadResult{ID: req.ID}, Status: resource.StatusOK}, nil
	}
	inputs := req.Inputs
	if inputs.Len() == 0 {
		// An import (the import resource option or `pulumi import`): the provider rebuilds the inputs from what
		// exists, as pulumi-aws does from the AWS API's answer.
		inputs = obj.inputs
	}
	props := obj.Props
	return plugin.ReadResponse{
		ReadResult: plugin.ReadResult{ID: req.ID, Inputs: &inputs, Outputs: &props},
		Status:     resource.StatusOK,
	}, nil
}

// withOutputs returns the inputs with the outputs AWS reports added; old, when updating, keeps the outputs
// fixed at creation.
func withOutputs(a *Account, k *kind, id string, in property.Map, old *Object) property.Map {
	out := in
	if k.outputs != nil {
		for key, v := range k.outputs(a, id, in) {
			out = out.Set(key, v)
		}
	}
	if old != nil {
		for _, s := range k.stable {
			if v, ok := old.Props.GetOk(s); ok {
				out = out.Set(s, v)
			}
		}
	}
	return out
}

// sameJSON reports whether two string values hold equal JSON documents.
func sameJSON(a, b property.Value) bool {
	if !a.IsString() || !b.IsString() {
		return false
	}
	var x, y any
	if json.Unmarshal([]byte(a.AsString()), &x) != nil || json.Unmarshal([]byte(b.AsString()), &y) != nil {
		return false
	}
	return reflect.DeepEqual(x, y)
}

func isAbsent(m property.Map, k string) bool {
	v, ok := m.GetOk(k)
	return !ok || v.IsNull() || (v.IsString() && v.AsString() == "")
}
