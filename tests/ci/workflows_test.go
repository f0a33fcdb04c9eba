package ci

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

// workflowDir is .github/workflows, seen from this package's directory, where go test runs.
const workflowDir = "../../.github/workflows"

// A check returns the problems it finds in one workflow, each naming file, job and step, and how many of
// the things it checks the workflow has.
type check func(workflow) (problems []string, seen int)

// checks are the rules; seen says what the workflows must hold at least one of, so no check passes by
// looking at nothing.
var checks = []struct {
	name string
	run  check
	seen string
}{
	{"actions pinned to a commit SHA with the version in a comment", checkPins, "uses:"},
	{"explicit permissions", checkPermissions, "job"},
	{"id-token write only with configure-aws-credentials", checkIDToken, "job using aws-actions/configure-aws-credentials"},
	{"no checkout where a fork's run gets the base repository's token", checkPrivilegedCheckout,
		"workflow triggered by pull_request_target or workflow_run"},
	{"preview matrix built from the Pulumi.<stage>.yaml files", checkPreviewMatrix,
		"pull_request job running pulumi/actions with command: preview"},
	{"one never-cancelled concurrency group per stack for updates", checkUpdateConcurrency,
		"job running pulumi/actions with command: up"},
}

// TestWorkflows runs every check on the repository's workflows.
func TestWorkflows(t *testing.T) {
	t.Parallel()
	workflows := loadWorkflows(t)
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			seen := 0
			for _, w := range workflows {
				problems, n := c.run(w)
				seen += n
				assert.Empty(t, problems, "\n%s", strings.Join(problems, "\n"))
			}
			assert.Positive(t, seen, "got no %s in %s, want at least one checked", c.seen, workflowDir)
		})
	}
}

// TestChecksCatchBreakage feeds each check a workflow that breaks its rule, so a check that stops seeing
// anything fails here rather than passing the real workflows by accident.
func TestChecksCatchBreakage(t *testing.T) {
	t.Parallel()
	const sha = "3d3c42e5aac5ba805825da76410c181273ba90b1"
	tests := []struct {
		name  string
		src   string
		check check
		want  string // a part of the one problem reported
	}{
		{
			name:  "tag instead of SHA",
			src:   "permissions: {}\njobs:\n  a:\n    steps:\n      - uses: actions/checkout@v4 # v4.2.2\n",
			check: checkPins,
			want:  `step 1: got "actions/checkout@v4", want owner/repo@<40-hex commit SHA>`,
		},
		{
			name:  "short SHA",
			src:   "permissions: {}\njobs:\n  a:\n    steps:\n      - uses: actions/checkout@3d3c42e # v7.0.1\n",
			check: checkPins,
			want:  "want owner/repo@<40-hex commit SHA>",
		},
		{
			name:  "no version comment",
			src:   "permissions: {}\njobs:\n  a:\n    steps:\n      - name: get\n        uses: actions/checkout@" + sha + "\n",
			check: checkPins,
			want:  `job a, step 1 "get": got no version comment, want the release the SHA is, e.g. # v4.2.2`,
		},
		{
			name:  "reusable workflow by branch",
			src:   "permissions: {}\njobs:\n  a:\n    uses: org/repo/.github/workflows/x.yml@main\n",
			check: checkPins,
			want:  `job a: got "org/repo/.github/workflows/x.yml@main"`,
		},
		{
			name:  "uses outside a job or step",
			src:   "permissions: {}\nx:\n  uses: actions/checkout@" + sha + " # v7.0.1\njobs: {}\n",
			check: checkPins,
			want:  "bad.yml, line 3: got uses: outside jobs.<id>.uses and jobs.<id>.steps[*].uses, want none there",
		},
		{
			name:  "job without permissions, none on top",
			src:   "jobs:\n  a:\n    steps:\n      - run: true\n",
			check: checkPermissions,
			want:  "job a: got no permissions on the job or the workflow, want them explicit",
		},
		{
			name:  "id-token on a job without AWS",
			src:   "permissions:\n  id-token: write\njobs:\n  a:\n    steps:\n      - run: true\n",
			check: checkIDToken,
			want:  "job a: got id-token: write, want it only on jobs that use aws-actions/configure-aws-credentials",
		},
		{
			name:  "write-all grants id-token",
			src:   "permissions: write-all\njobs:\n  a:\n    steps:\n      - run: true\n",
			check: checkIDToken,
			want:  "job a: got id-token: write",
		},
		{
			name: "OIDC role without id-token",
			src: "permissions: {}\njobs:\n  a:\n    permissions:\n      contents: read\n    steps:\n" +
				"      - uses: aws-actions/configure-aws-credentials@" + sha + " # v6.2.3\n        with:\n          role-to-assume: r\n",
			check: checkIDToken,
			want:  "job a, step 1: got no id-token: write, want it for configure-aws-credentials' role-to-assume",
		},
		{
			name:  "pull_request_target with checkout",
			src:   "on: pull_request_target\npermissions: {}\njobs:\n  a:\n    steps:\n      - uses: actions/checkout@" + sha + " # v7.0.1\n",
			check: checkPrivilegedCheckout,
			want:  "job a, step 1: got actions/checkout in a workflow triggered by pull_request_target",
		},
		{
			name: "workflow_run with checkout",
			src: "on:\n  workflow_run:\n    workflows: [preview]\npermissions: {}\njobs:\n  a:\n    steps:\n" +
				"      - uses: actions/checkout@" + sha + " # v7.0.1\n",
			check: checkPrivilegedCheckout,
			want:  "triggered by workflow_run",
		},
		{
			name:  "hard-coded stack list",
			src:   previewWorkflow("    strategy:\n      matrix:\n        stack: [dev, prod]\n", "ls Pulumi.*.yaml"),
			check: checkPreviewMatrix,
			want:  "job preview: got matrix.stack [dev prod], want ${{ fromJSON(needs.<job>.outputs.<name>) }} made from the Pulumi.*.yaml files",
		},
		{
			name:  "stack list not made from the stack files",
			src:   previewWorkflow(fromJSONMatrix, `echo 'stacks=["dev"]' >>"$GITHUB_OUTPUT"`),
			check: checkPreviewMatrix,
			want:  `job preview: got matrix.stack from step "list" of job stacks, which never reads Pulumi.*.yaml, want the list made from the files`,
		},
		{
			name:  "update that can be cancelled",
			src:   updateWorkflow("    concurrency:\n      group: pulumi-dev\n      cancel-in-progress: true\n"),
			check: checkUpdateConcurrency,
			want:  "job up: got cancel-in-progress: true, want false: a cancelled update leaves the stack with pending operations",
		},
		{
			name:  "update without a group",
			src:   updateWorkflow(""),
			check: checkUpdateConcurrency,
			want:  "job up: got no concurrency, want a group for stack dev",
		},
		{
			name:  "update in a group shared by all stacks",
			src:   updateWorkflow("    concurrency: deploy\n"),
			check: checkUpdateConcurrency,
			want:  `job up: got concurrency group "deploy", want one that names stack dev`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			problems, _ := tt.check(parseWorkflow(t, "bad.yml", []byte(tt.src)))
			require.Len(t, problems, 1, "got problems %q, want one", problems)
			assert.Contains(t, problems[0], tt.want)
			assert.True(t, strings.HasPrefix(problems[0], "bad.yml, "), "got %q, want it to start with the file name", problems[0])
		})
	}
}

// TestPinExceptions documents what the pin check leaves alone: actions in this repository, which are
// versioned with it, and docker:// images, whose digest pinning is not checked here.
func TestPinExceptions(t *testing.T) {
	t.Parallel()
	src := "permissions: {}\njobs:\n  a:\n    steps:\n      - uses: ./.github/actions/local\n      - uses: docker://alpine:3\n"
	problems, checked := checkPins(parseWorkflow(t, "ok.yml", []byte(src)))
	assert.Empty(t, problems)
	assert.Equal(t, 2, checked, "got %d uses: checked, want 2", checked)
}

const fromJSONMatrix = "    strategy:\n      matrix:\n        stack: ${{ fromJSON(needs.stacks.outputs.stacks) }}\n"

// previewWorkflow is a pull-request workflow whose job stacks runs listScript and whose preview job has the
// given strategy.
func previewWorkflow(strategy, listScript string) string {
	return "on: pull_request\npermissions: {}\njobs:\n" +
		"  stacks:\n    outputs:\n      stacks: ${{ steps.list.outputs.stacks }}\n    steps:\n" +
		"      - id: list\n        run: |\n          " + listScript + "\n" +
		"  preview:\n    needs: [stacks]\n    if: github.event.pull_request.head.repo.full_name == github.repository\n" +
		strategy +
		"    steps:\n      - uses: pulumi/actions@8e5e406f4007fca908480587cb9893c07090f58d # v7.0.0\n" +
		"        with:\n          command: preview\n          stack-name: ${{ matrix.stack }}\n"
}

// updateWorkflow is a workflow with one job that runs pulumi up for dev, with the given concurrency lines.
func updateWorkflow(concurrency string) string {
	return "on: push\npermissions: {}\njobs:\n  up:\n" + concurrency +
		"    steps:\n      - uses: pulumi/actions@8e5e406f4007fca908480587cb9893c07090f58d # v7.0.0\n" +
		"        with:\n          command: up\n          stack-name: dev\n"
}

// A workflow file, parsed into nodes: unlike a decoded struct they keep line comments and key order.
type workflow struct {
	file string     // base name, for messages
	root *yaml.Node // the top-level mapping
}

func loadWorkflows(t *testing.T) []workflow {
	t.Helper()
	var files []string
	for _, pattern := range []string{"*.yml", "*.yaml"} {
		matches, err := filepath.Glob(filepath.Join(workflowDir, pattern))
		require.NoError(t, err)
		files = append(files, matches...)
	}
	sort.Strings(files)
	require.NotEmpty(t, files, "got no workflow files in %s, want the repository's workflows", workflowDir)
	var workflows []workflow
	for _, f := range files {
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		workflows = append(workflows, parseWorkflow(t, filepath.Base(f), src))
	}
	return workflows
}

func parseWorkflow(t *testing.T, file string, src []byte) workflow {
	t.Helper()
	var doc yaml.Node
	require.NoError(t, yaml.Unmarshal(src, &doc), "parsing %s", file)
	require.Len(t, doc.Content, 1, "%s: got %d YAML documents, want 1", file, len(doc.Content))
	root := doc.Content[0]
	require.Equal(t, yaml.MappingNode, root.Kind, "%s: got YAML kind %v at the top, want a mapping", file, root.Kind)
	return workflow{file: file, root: root}
}

// get returns the value of key in the mapping n, or nil when n is not a mapping or has no such key.
func get(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// value returns the scalar at key in the mapping n, or "".
func value(n *yaml.Node, key string) string {
	if v := get(n, key); v != nil && v.Kind == yaml.ScalarNode {
		return v.Value
	}
	return ""
}

// list returns a scalar or a sequence of scalars as strings (needs:, on:, matrix values).
func list(n *yaml.Node) []string {
	if n == nil {
		return nil
	}
	switch n.Kind {
	case yaml.ScalarNode:
		return []string{n.Value}
	case yaml.SequenceNode:
		var out []string
		for _, c := range n.Content {
			out = append(out, c.Value)
		}
		return out
	case yaml.MappingNode:
		var keys []string
		for i := 0; i < len(n.Content); i += 2 {
			keys = append(keys, n.Content[i].Value)
		}
		return keys
	}
	return nil
}

type job struct {
	id   string
	node *yaml.Node
}

type step struct {
	index int // 1-based, as the Actions UI counts
	node  *yaml.Node
}

func (w workflow) jobs() []job {
	jobs := get(w.root, "jobs")
	if jobs == nil || jobs.Kind != yaml.MappingNode {
		return nil
	}
	var out []job
	for i := 0; i+1 < len(jobs.Content); i += 2 {
		out = append(out, job{id: jobs.Content[i].Value, node: jobs.Content[i+1]})
	}
	return out
}

func (w workflow) job(id string) (job, bool) {
	for _, j := range w.jobs() {
		if j.id == id {
			return j, true
		}
	}
	return job{}, false
}

// triggers returns the events in on:, which may be a string, a list or a mapping.
func (w workflow) triggers() []string { return list(get(w.root, "on")) }

func (j job) steps() []step {
	steps := get(j.node, "steps")
	if steps == nil || steps.Kind != yaml.SequenceNode {
		return nil
	}
	var out []step
	for i, s := range steps.Content {
		out = append(out, step{index: i + 1, node: s})
	}
	return out
}

// stepsUsing returns the job's steps that run the action name ("owner/repo"), at any ref.
func (j job) stepsUsing(name string) []step {
	var out []step
	for _, s := range j.steps() {
		if action(value(s.node, "uses")) == name {
			out = append(out, s)
		}
	}
	return out
}

// action returns the action a uses: value names, without its ref.
func action(uses string) string {
	name, _, _ := strings.Cut(uses, "@")
	return name
}

// where names a job, or a step in it, for failure messages: `deploy.yml, job up-dev, step 3 "Check"`.
func (w workflow) where(j job, s *step) string {
	out := fmt.Sprintf("%s, job %s", w.file, j.id)
	if s == nil {
		return out
	}
	out += fmt.Sprintf(", step %d", s.index)
	if name := value(s.node, "name"); name != "" {
		out += fmt.Sprintf(" %q", name)
	}
	return out
}

var (
	pinnedRef      = regexp.MustCompile(`^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(/[^@\s]+)?@[0-9a-f]{40}$`)
	versionComment = regexp.MustCompile(`^#\s*v\d+(\.\d+){0,2}\b`)
)

// pinProblem says what is wrong with one uses: value and its line comment, or "" when nothing is.
func pinProblem(uses, comment string) string {
	if strings.HasPrefix(uses, "./") || strings.HasPrefix(uses, "docker://") {
		return ""
	}
	if !pinnedRef.MatchString(uses) {
		return fmt.Sprintf("got %q, want owner/repo@<40-hex commit SHA> # vX.Y.Z", uses)
	}
	if comment == "" {
		return "got no version comment, want the release the SHA is, e.g. # v4.2.2"
	}
	if !versionComment.MatchString(comment) {
		return fmt.Sprintf("got comment %q, want the release the SHA is, e.g. # v4.2.2", comment)
	}
	return ""
}

// checkPins checks every uses: of every job and step, and counts them. A uses: key anywhere else is a
// problem too, so a new place for one cannot slip past.
func checkPins(w workflow) (problems []string, checked int) {
	seen := map[*yaml.Node]bool{}
	check := func(where string, key, v *yaml.Node) {
		checked++
		seen[key] = true
		comment := v.LineComment
		if comment == "" {
			comment = key.LineComment
		}
		if p := pinProblem(v.Value, comment); p != "" {
			problems = append(problems, where+": "+p)
		}
	}
	for _, j := range w.jobs() {
		if key, v := pairOf(j.node, "uses"); key != nil {
			check(w.where(j, nil), key, v)
		}
		for _, s := range j.steps() {
			if key, v := pairOf(s.node, "uses"); key != nil {
				check(w.where(j, &s), key, v)
			}
		}
	}
	for _, key := range keysNamed(w.root, "uses") {
		if !seen[key] {
			problems = append(problems, fmt.Sprintf("%s, line %d: got uses: outside jobs.<id>.uses and "+
				"jobs.<id>.steps[*].uses, want none there", w.file, key.Line))
		}
	}
	return problems, checked
}

// pairOf returns the key and value nodes of key in the mapping n, or nils.
func pairOf(n *yaml.Node, key string) (*yaml.Node, *yaml.Node) {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i], n.Content[i+1]
		}
	}
	return nil, nil
}

// keysNamed returns the mapping keys named key anywhere under n.
func keysNamed(n *yaml.Node, key string) []*yaml.Node {
	var out []*yaml.Node
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				out = append(out, n.Content[i])
			}
		}
	}
	for _, c := range n.Content {
		out = append(out, keysNamed(c, key)...)
	}
	return out
}

// checkPermissions wants every job to state its token permissions, or the workflow to state them for all.
func checkPermissions(w workflow) (problems []string, jobs int) {
	top := get(w.root, "permissions")
	for _, j := range w.jobs() {
		jobs++
		if top == nil && get(j.node, "permissions") == nil {
			problems = append(problems, w.where(j, nil)+": got no permissions on the job or the workflow, want them explicit")
		}
	}
	return problems, jobs
}

// permissions returns the permissions a job's token gets: its own, or else the workflow's.
func (w workflow) permissions(j job) *yaml.Node {
	if p := get(j.node, "permissions"); p != nil {
		return p
	}
	return get(w.root, "permissions")
}

// grantsWrite reports whether the permissions p give scope write access (write-all gives every scope).
func grantsWrite(p *yaml.Node, scope string) bool {
	if p == nil {
		return false
	}
	if p.Kind == yaml.ScalarNode {
		return p.Value == "write-all"
	}
	return value(p, scope) == "write"
}

// checkIDToken wants id-token: write exactly on the jobs that exchange the OIDC token for an AWS role.
func checkIDToken(w workflow) (problems []string, awsJobs int) {
	for _, j := range w.jobs() {
		idToken := grantsWrite(w.permissions(j), "id-token")
		aws := j.stepsUsing("aws-actions/configure-aws-credentials")
		if len(aws) > 0 {
			awsJobs++
		}
		if idToken && len(aws) == 0 {
			problems = append(problems, w.where(j, nil)+
				": got id-token: write, want it only on jobs that use aws-actions/configure-aws-credentials")
		}
		for _, s := range aws {
			with := get(s.node, "with")
			oidc := value(with, "role-to-assume") != "" && value(with, "aws-access-key-id") == "" &&
				value(with, "web-identity-token-file") == ""
			if oidc && !idToken {
				problems = append(problems, w.where(j, &s)+
					": got no id-token: write, want it for configure-aws-credentials' role-to-assume (OIDC)")
			}
		}
	}
	return problems, awsJobs
}

// privilegedTriggers run a workflow from the base repository, with its token and secrets, for events a
// fork can cause. Checking out and running the fork's code there hands it that token.
var privilegedTriggers = []string{"pull_request_target", "workflow_run"}

// checkPrivilegedCheckout wants no actions/checkout in a workflow with a privileged trigger.
func checkPrivilegedCheckout(w workflow) (problems []string, privileged int) {
	for _, trigger := range w.triggers() {
		if !slices.Contains(privilegedTriggers, trigger) {
			continue
		}
		privileged++
		for _, j := range w.jobs() {
			for _, s := range j.stepsUsing("actions/checkout") {
				problems = append(problems, fmt.Sprintf("%s: got actions/checkout in a workflow triggered by %s, "+
					"want no checkout: the run has the base repository's token and secrets", w.where(j, &s), trigger))
			}
		}
	}
	return problems, privileged
}

// pulumiSteps returns the job's pulumi/actions steps whose command is one of commands.
func (j job) pulumiSteps(commands ...string) []step {
	var out []step
	for _, s := range j.stepsUsing("pulumi/actions") {
		if slices.Contains(commands, value(get(s.node, "with"), "command")) {
			out = append(out, s)
		}
	}
	return out
}

var (
	fromJSONNeeds = regexp.MustCompile(`^\$\{\{\s*fromJSON\(\s*needs\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)\s*\)\s*\}\}$`)
	stepOutput    = regexp.MustCompile(`steps\.([A-Za-z0-9_-]+)\.outputs\.`)
	spaces        = regexp.MustCompile(`\s+`)
)

// checkPreviewMatrix wants each pull-request preview to run per stack from a matrix listed from the
// Pulumi.*.yaml files by an earlier job, only for this repository's branches (forks get no credentials).
func checkPreviewMatrix(w workflow) (problems []string, previews int) {
	if !slices.Contains(w.triggers(), "pull_request") {
		return nil, 0
	}
	for _, j := range w.jobs() {
		for _, s := range j.pulumiSteps("preview") {
			previews++
			if got := spaces.ReplaceAllString(value(get(s.node, "with"), "stack-name"), ""); got != "${{matrix.stack}}" {
				problems = append(problems, fmt.Sprintf("%s: got stack-name %q, want ${{ matrix.stack }}", w.where(j, &s), got))
			}
		}
		if len(j.pulumiSteps("preview")) == 0 {
			continue
		}
		const sameRepo = "github.event.pull_request.head.repo.full_name==github.repository"
		if got := spaces.ReplaceAllString(value(j.node, "if"), ""); !strings.Contains(got, sameRepo) {
			problems = append(problems, fmt.Sprintf("%s: got if: %q, want %s: forks get no credentials",
				w.where(j, nil), value(j.node, "if"), "github.event.pull_request.head.repo.full_name == github.repository"))
		}
		if p := matrixFromStackFiles(w, j); p != "" {
			problems = append(problems, w.where(j, nil)+": "+p)
		}
	}
	return problems, previews
}

// matrixFromStackFiles follows matrix.stack to the step that lists the stacks, and says what is wrong, or "".
func matrixFromStackFiles(w workflow, j job) string {
	const want = "want ${{ fromJSON(needs.<job>.outputs.<name>) }} made from the Pulumi.*.yaml files"
	stack := get(get(get(j.node, "strategy"), "matrix"), "stack")
	switch {
	case stack == nil:
		return "got no strategy.matrix.stack, " + want
	case stack.Kind == yaml.SequenceNode:
		return fmt.Sprintf("got matrix.stack %v, %s", list(stack), want)
	}
	m := fromJSONNeeds.FindStringSubmatch(stack.Value)
	if m == nil {
		return fmt.Sprintf("got matrix.stack %q, %s", stack.Value, want)
	}
	lister, output := m[1], m[2]
	if !slices.Contains(list(get(j.node, "needs")), lister) {
		return fmt.Sprintf("got needs %v, want it to include %s, which lists the stacks", list(get(j.node, "needs")), lister)
	}
	listJob, ok := w.job(lister)
	if !ok {
		return fmt.Sprintf("got matrix.stack from job %s, want a job of that name", lister)
	}
	ref := stepOutput.FindStringSubmatch(value(get(listJob.node, "outputs"), output))
	if ref == nil {
		return fmt.Sprintf("got outputs.%s of job %s = %q, want a step's output", output, lister,
			value(get(listJob.node, "outputs"), output))
	}
	for _, s := range listJob.steps() {
		if value(s.node, "id") != ref[1] {
			continue
		}
		if !strings.Contains(value(s.node, "run"), "Pulumi.*.yaml") {
			return fmt.Sprintf("got matrix.stack from step %q of job %s, which never reads Pulumi.*.yaml, "+
				"want the list made from the files", ref[1], lister)
		}
		return ""
	}
	return fmt.Sprintf("got matrix.stack from step %q of job %s, want a step with that id", ref[1], lister)
}

// checkUpdateConcurrency wants each job that changes a stack in a concurrency group of its own stack that
// never cancels a running update.
func checkUpdateConcurrency(w workflow) (problems []string, updates int) {
	for _, j := range w.jobs() {
		for _, s := range j.pulumiSteps("up", "update", "destroy", "refresh") {
			updates++
			stack := value(get(s.node, "with"), "stack-name")
			if strings.Contains(stack, "${{") {
				// An expression such as ${{ matrix.stack }}: the group must use the same value.
				stack = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(stack, "${{"), "}}"))
			}
			conc := get(j.node, "concurrency")
			group := value(conc, "group")
			if conc != nil && conc.Kind == yaml.ScalarNode {
				group = conc.Value
			}
			switch {
			case conc == nil:
				problems = append(problems, fmt.Sprintf("%s: got no concurrency, want a group for stack %s", w.where(j, nil), stack))
			case !strings.Contains(group, stack):
				problems = append(problems, fmt.Sprintf("%s: got concurrency group %q, want one that names stack %s",
					w.where(j, nil), group, stack))
			case value(conc, "cancel-in-progress") != "" && value(conc, "cancel-in-progress") != "false":
				problems = append(problems, fmt.Sprintf("%s: got cancel-in-progress: %s, want false: "+
					"a cancelled update leaves the stack with pending operations", w.where(j, nil), value(conc, "cancel-in-progress")))
			}
		}
	}
	return problems, updates
}
