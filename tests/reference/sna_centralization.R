# Reference values for systemsmap.metrics.summary's Freeman centralizations,
# computed with R's sna::centralization (sna 2.7).
#
# Run from the repository root (needs R with the sna package, and the shared
# reference networks):
#
#   Rscript tests/reference/sna_centralization.R [../shared/reference-data]
#
# Reads the hand-made graphs in tests/reference/sna_centralization_graphs.csv
# (graph, directed, source, target; an empty target lists an isolated actor)
# and the reference networks, and writes tests/reference/sna_centralization.csv:
# one row per network with n, sna's
#   centralization(g, degree, mode = m)        (cmode "freeman": in + out degree)
#   centralization(g, betweenness, mode = m)
# where m is "digraph" for directed networks and "graph" for undirected ones
# (sna's defaults otherwise: diag = FALSE, normalize = TRUE).
# Each network is given to sna as a 0/1 adjacency matrix over every actor (one
# arc per ordered pair; undirected networks symmetric), so the figures are
# unweighted, as summary() is. Numbers are written with 17 significant digits.
suppressPackageStartupMessages(library(sna))

args <- commandArgs(trailingOnly = TRUE)
ref <- if (length(args) >= 1) args[1] else file.path("..", "shared", "reference-data")
here <- file.path("tests", "reference")

adjacency <- function(ids, source, target, directed) {
  n <- length(ids)
  g <- matrix(0, n, n, dimnames = list(ids, ids))
  keep <- !is.na(target) & target != ""
  s <- match(as.character(source[keep]), ids)
  t <- match(as.character(target[keep]), ids)
  stopifnot(!anyNA(s), !anyNA(t))
  g[cbind(s, t)] <- 1
  if (!directed) g[cbind(t, s)] <- 1
  diag(g) <- 0
  g
}

fmt <- function(x) ifelse(is.finite(x), sprintf("%.17g", x), "NaN")
rows <- list()
add <- function(name, relation, g, directed) {
  mode <- if (directed) "digraph" else "graph"
  rows[[length(rows) + 1]] <<- data.frame(
    network = name, relation = relation, directed = tolower(as.character(directed)),
    n = nrow(g),
    degree_centralization = fmt(centralization(g, degree, mode = mode)),
    betweenness_centralization = fmt(centralization(g, betweenness, mode = mode)),
    stringsAsFactors = FALSE)
}

hand <- read.csv(file.path(here, "sna_centralization_graphs.csv"), colClasses = "character")
for (name in unique(hand$graph)) {
  e <- hand[hand$graph == name, ]
  directed <- e$directed[1] == "true"
  ids <- unique(c(e$source, e$target[e$target != ""]))
  add(name, "", adjacency(ids, e$source, e$target, directed), directed)
}

networks <- list(
  list("campnet", "", TRUE), list("krackhardt_hightech", "advice", TRUE),
  list("krackhardt_hightech", "friendship", TRUE), list("krackhardt_hightech", "reportsto", TRUE),
  list("classroom", "", TRUE), list("padgett_florentine", "marriage", FALSE),
  list("padgett_florentine", "business", FALSE), list("zachary_karate", "", FALSE),
  list("strike", "", FALSE), list("jemaah_islamiyah", "", FALSE), list("white_kinship", "", FALSE),
  list("ef3", "", FALSE), list("borgatti2006_fig8", "", FALSE))
for (net in networks) {
  folder <- file.path(ref, net[[1]])
  actors <- read.csv(file.path(folder, "actors.csv"), colClasses = "character")
  tfile <- if (net[[2]] == "") "ties.csv" else paste0("ties_", net[[2]], ".csv")
  ties <- read.csv(file.path(folder, tfile), colClasses = "character")
  add(net[[1]], net[[2]], adjacency(actors$id, ties$source, ties$target, net[[3]]), net[[3]])
}

write.csv(do.call(rbind, rows), file.path(here, "sna_centralization.csv"), row.names = FALSE, quote = FALSE)
