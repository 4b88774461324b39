package eval

import (
	"strings"
	"testing"
)

func TestReadAGNewsRepairsItsEntities(t *testing.T) {
	csv := "id,class,title,description,codable\n" +
		"a1,World,Rebels #39; gains,\"The mayor said  quot;calm returned quot;, AT amp;T said, at  #36;5 a share.\",0\n" +
		"a2,World,Market day,Nothing to repair here.,\n"
	items, err := ReadAGNews(strings.NewReader(csv), "ag.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"Rebels' gains\n\nThe mayor said \"calm returned\", AT&T said, at $5 a share.",
		"Market day\n\nNothing to repair here.",
	}
	if len(items) != len(want) {
		t.Fatalf("got %d items, want %d", len(items), len(want))
	}
	for i, it := range items {
		if it.Text != want[i] {
			t.Errorf("item %d: %q, want %q", i, it.Text, want[i])
		}
	}
	if items[0].Codable != 0 || items[1].Codable != -1 {
		t.Errorf("codable: %d, %d; want 0, -1", items[0].Codable, items[1].Codable)
	}
}

func TestReadAGNewsNamesABadLabel(t *testing.T) {
	_, err := ReadAGNews(strings.NewReader("id,class,title,description,codable\nx,World,t,d,yes\n"), "ag.csv")
	if err == nil || !strings.Contains(err.Error(), "ag.csv:2") {
		t.Errorf("err = %v, want one naming ag.csv:2", err)
	}
}
