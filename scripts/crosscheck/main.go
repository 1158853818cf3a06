// Command crosscheck type-checks Go packages, their tests included, for
// another operating system without building them, so that platform-specific
// files cannot rot unseen on a machine that never runs them.
//
// It exists for macOS: without Apple's SDK there is no cgo for darwin, and
// with CGO_ENABLED=0 neither Fyne's app package nor fyne.io/systray builds,
// so `go vet` cannot type-check anything that imports them. crosscheck asks
// `go list` for the files of every package as the target would build them
// with cgo on, then type-checks them from source with go/types, which treats
// `import "C"` as a package whose every name is valid (FakeImportC). Code
// that uses C is therefore checked everywhere except in the expressions that
// touch C itself.
//
// Dependencies outside the main module are checked without function bodies
// and their errors are not reported; every package of the main module is
// checked in full and any error fails the run.
//
//	go run ./scripts/crosscheck -goos darwin -goarch arm64 ./...
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

func main() {
	var t target
	flag.StringVar(&t.goos, "goos", "darwin", "operating system to check for")
	flag.StringVar(&t.goarch, "goarch", "arm64", "architecture to check for")
	flag.StringVar(&t.tags, "tags", "", "comma-separated build tags")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: crosscheck [-goos os] [-goarch arch] [-tags tags] packages...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	n, err := check(os.Stdout, t, flag.Args())
	if err != nil {
		fmt.Fprintln(os.Stderr, "crosscheck:", err)
		os.Exit(1)
	}
	fmt.Printf("crosscheck: %d packages type-check for %s\n", n, t)
}

// target is what to check for.
type target struct{ goos, goarch, tags string }

func (t target) String() string { return t.goos + "/" + t.goarch }

// listedPackage is the part of `go list -json` crosscheck reads.
type listedPackage struct {
	ImportPath string
	Dir        string
	GoFiles    []string
	CgoFiles   []string
	ImportMap  map[string]string
	Module     *struct {
		Main      bool
		GoVersion string
	}
	Error *struct{ Err string }
}

// check type-checks the packages matched by patterns, and their
// dependencies, for t. It writes the main
// module's errors to w and returns how many main-module packages it checked.
func check(w io.Writer, t target, patterns []string) (int, error) {
	pkgs, err := list(t, patterns)
	if err != nil {
		return 0, err
	}
	fset := token.NewFileSet()
	sizes := types.SizesFor("gc", t.goarch)
	checked := map[string]*types.Package{}
	reported := map[string]bool{} // a package and its test variant share files
	var checkedMain, failed int
	for _, p := range pkgs {
		if strings.HasSuffix(p.ImportPath, ".test") {
			continue // the generated test main
		}
		main := p.Module != nil && p.Module.Main
		if p.Error != nil {
			if main {
				fmt.Fprintf(w, "%s: %s\n", p.ImportPath, p.Error.Err)
				failed++
				continue
			}
			return 0, fmt.Errorf("dependency %s: %s", p.ImportPath, p.Error.Err)
		}
		if p.ImportPath == "unsafe" {
			checked["unsafe"] = types.Unsafe
			continue
		}
		var errs []error
		conf := types.Config{
			Importer:         importer{pkg: &p, checked: checked},
			FakeImportC:      true,
			IgnoreFuncBodies: !main,
			Sizes:            sizes,
			Error:            func(err error) { errs = append(errs, err) },
		}
		if p.Module != nil && p.Module.GoVersion != "" {
			conf.GoVersion = "go" + p.Module.GoVersion
		}
		files, err := parse(fset, p)
		if err != nil {
			if main {
				fmt.Fprintln(w, err)
				failed++
				continue
			}
			return 0, fmt.Errorf("dependency %s: %w", p.ImportPath, err)
		}
		tp, _ := conf.Check(p.ImportPath, fset, files, nil) // errors arrive in errs
		checked[p.ImportPath] = tp
		if !main {
			continue
		}
		checkedMain++
		if len(errs) > 0 {
			failed++
		}
		for _, e := range errs {
			if !reported[e.Error()] {
				reported[e.Error()] = true
				fmt.Fprintln(w, e)
			}
		}
	}
	if failed > 0 {
		return checkedMain, fmt.Errorf("%d of %d packages fail to type-check for %s", failed, checkedMain, t)
	}
	return checkedMain, nil
}

// list runs go list with cgo on, so that cgo files are listed, in dependency
// order, test variants included.
func list(t target, patterns []string) ([]listedPackage, error) {
	args := []string{"list", "-e", "-deps", "-test", "-tags=" + t.tags,
		"-json=ImportPath,Dir,GoFiles,CgoFiles,ImportMap,Module,Error"}
	cmd := exec.Command("go", append(args, patterns...)...)
	cmd.Env = append(os.Environ(), "GOOS="+t.goos, "GOARCH="+t.goarch, "CGO_ENABLED=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	var pkgs []listedPackage
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p listedPackage
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, fmt.Errorf("decode go list output: %w", err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs, nil
}

func parse(fset *token.FileSet, p listedPackage) ([]*ast.File, error) {
	var files []*ast.File
	for _, name := range append(append([]string{}, p.GoFiles...), p.CgoFiles...) {
		f, err := parser.ParseFile(fset, filepath.Join(p.Dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	return files, nil
}

// importer resolves one package's imports to packages already checked;
// go list's dependency order guarantees they are.
type importer struct {
	pkg     *listedPackage
	checked map[string]*types.Package
}

func (im importer) Import(path string) (*types.Package, error) {
	if mapped, ok := im.pkg.ImportMap[path]; ok {
		path = mapped
	}
	if p, ok := im.checked[path]; ok {
		return p, nil
	}
	return nil, fmt.Errorf("%s: import %q: not checked yet", im.pkg.ImportPath, path)
}
