package dev.leasehold.benchmarks.sidebyside;

import java.util.List;

/**
 * One part of the report: what was measured, the results, and what to keep in mind reading them.
 *
 * @param title the heading
 * @param method how it was measured, one paragraph of markdown
 * @param table the results
 * @param notes remarks on the results, each one markdown bullet
 */
record Section(String title, String method, Table table, List<String> notes) {

  Section {
    notes = List.copyOf(notes);
  }

  String markdown() {
    StringBuilder text = new StringBuilder("## ").append(title).append("\n\n")
        .append(method).append("\n\n")
        .append(table.markdown());
    if (!notes.isEmpty()) {
      text.append('\n');
      notes.forEach(note -> text.append("- ").append(note).append('\n'));
    }
    return text.toString();
  }
}
