#pragma once

// The tree builder: one walk over the cmark-gfm tree of a parsed document that fills its
// `Document` (title, headings and anchors, sections and their entries, to-dos, links,
// suppressions), placing each at its line and column in the source. Used only inside markdown/.

#include "planck/model/document.hpp"

struct cmark_node;

namespace planck {

/// Fills `document`, whose `lines` are the text cmark parsed into the tree at `root`, walking the
/// tree once and iteratively (its nesting depth is unbounded); an item's text joined from several
/// lines is kept in `text`.
void build_document(cmark_node* root, Document& document, DocumentText& text);

} // namespace planck
