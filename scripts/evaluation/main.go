// Command evaluation writes the figures of EVALUATION.md from the commands
// that measure them, so the file cannot go stale. Each figure block is
//
//	<!-- run: COMMAND -->
//	...what COMMAND printed...
//	<!-- end -->
//
// (or "run-code:" to fence the output as code). COMMAND runs with sh in
// the repository's root. With -check it changes nothing and fails when a
// block differs from what its command prints now, or when a command fails
// (a figure below its floor fails its command). Without the shared data
// (../shared/data, or $SHARED/data) there is nothing to measure: it says
// so and succeeds.
//
//	go run ./scripts/evaluation          # rewrite EVALUATION.md
//	go run ./scripts/evaluation -check   # CI: is it what the code measures?
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

func main() {
	check := flag.Bool("check", false, "change nothing; fail when EVALUATION.md is not what its commands print")
	file := flag.String("file", "EVALUATION.md", "the file to write")
	flag.Parse()
	shared := os.Getenv("SHARED")
	if shared == "" {
		shared = filepath.Join("..", "shared")
	}
	if _, err := os.Stat(filepath.Join(shared, "data")); err != nil {
		fmt.Printf("evaluation: no %s: nothing to measure, skipped\n", filepath.Join(shared, "data"))
		return
	}
	old, err := os.ReadFile(*file)
	if err != nil {
		fail(err)
	}
	out, stale, err := render(string(old))
	if err != nil {
		fail(err)
	}
	if *check {
		if len(stale) > 0 {
			fail(fmt.Errorf("%s is stale: the figures of %s differ from what the code measures now; run make evaluation and commit it", *file, strings.Join(stale, "; ")))
		}
		fmt.Printf("evaluation: %s holds what its commands print\n", *file)
		return
	}
	if err := os.WriteFile(*file, []byte(out), 0o644); err != nil {
		fail(err)
	}
	fmt.Printf("evaluation: %s written (%d block(s) changed)\n", *file, len(stale))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "evaluation:", err)
	os.Exit(1)
}

// render runs every block's command and returns the file with their
// output, and the commands whose output changed.
func render(doc string) (string, []string, error) {
	var b strings.Builder
	var stale []string
	lines := strings.SplitAfter(doc, "\n")
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		b.WriteString(line)
		cmd, fenced, ok := runLine(line)
		if !ok {
			continue
		}
		j := i + 1
		for j < len(lines) && strings.TrimSpace(lines[j]) != "<!-- end -->" {
			j++
		}
		if j == len(lines) {
			return "", nil, fmt.Errorf("block %q has no <!-- end -->", cmd)
		}
		got, err := run(cmd)
		if err != nil {
			return "", nil, err
		}
		if fenced {
			got = "```\n" + got + "```\n"
		}
		if strings.Join(lines[i+1:j], "") != got {
			stale = append(stale, cmd)
		}
		b.WriteString(got)
		b.WriteString(lines[j])
		i = j
	}
	return b.String(), stale, nil
}

// runLine reads a block's opening line.
func runLine(line string) (cmd string, fenced, ok bool) {
	s := strings.TrimSpace(line)
	if !strings.HasPrefix(s, "<!-- run") || !strings.HasSuffix(s, "-->") {
		return "", false, false
	}
	s = strings.TrimSuffix(strings.TrimPrefix(s, "<!-- "), "-->")
	switch {
	case strings.HasPrefix(s, "run-code:"):
		return strings.TrimSpace(strings.TrimPrefix(s, "run-code:")), true, true
	case strings.HasPrefix(s, "run:"):
		return strings.TrimSpace(strings.TrimPrefix(s, "run:")), false, true
	}
	return "", false, false
}

func run(cmd string) (string, error) {
	var out, errb bytes.Buffer
	c := exec.Command("sh", "-c", cmd)
	c.Stdout, c.Stderr = &out, &errb
	if err := c.Run(); err != nil {
		return "", fmt.Errorf("%s: %v\n%s%s", cmd, err, out.String(), errb.String())
	}
	return out.String(), nil
}
