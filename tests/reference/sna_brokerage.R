# Reference values for systemsmap.metrics.brokerage, computed with R's sna::brokerage.
#
# Run from the repository root (needs R with the sna package, and the shared
# reference networks):
#
#   Rscript tests/reference/sna_brokerage.R [../shared/reference-data]
#
# Writes tests/reference/sna_brokerage/:
#   <case>_nli.csv   one row per actor and statistic (raw, exp, sd, z): sna's
#                    raw.nli, exp.nli, sd.nli and z.nli, columns in sna's order
#                    w_I w_O b_IO b_OI b_O t;
#   gli.json         per case: raw.gli, exp.gli, sd.gli, z.gli, and N, m, density;
#   random_actors.csv, random_ties.csv   the random directed test graph drawn here.
# Numbers are written with 17 significant digits so Python can compare at 1e-9.
# Each network is given to sna as an adjacency matrix (one arc per ordered pair;
# undirected networks symmetric, so each edge counts as two arcs as sna does).
suppressPackageStartupMessages(library(sna))
library(jsonlite)

args <- commandArgs(trailingOnly = TRUE)
ref <- if (length(args) >= 1) args[1] else file.path("..", "shared", "reference-data")
out <- file.path("tests", "reference", "sna_brokerage")
dir.create(out, showWarnings = FALSE, recursive = TRUE)

adjacency <- function(ids, ties, directed) {
  n <- length(ids)
  g <- matrix(0, n, n, dimnames = list(ids, ids))
  s <- match(as.character(ties$source), ids)
  t <- match(as.character(ties$target), ids)
  stopifnot(!anyNA(s), !anyNA(t))
  g[cbind(s, t)] <- 1
  if (!directed) g[cbind(t, s)] <- 1
  diag(g) <- 0
  g
}

fmt <- function(x) sprintf("%.17g", x)

cases <- list()
run <- function(name, ids, ties, directed, groups) {
  g <- adjacency(ids, ties, directed)
  b <- brokerage(g, groups)
  rows <- list()
  for (st in c("raw", "exp", "sd", "z")) {
    m <- b[[paste0(st, ".nli")]]
    df <- data.frame(id = ids, stat = st, stringsAsFactors = FALSE)
    for (k in seq_len(ncol(m))) df[[colnames(m)[k]]] <- fmt(m[, k])
    rows[[st]] <- df
  }
  write.csv(do.call(rbind, rows), file.path(out, paste0(name, "_nli.csv")),
            row.names = FALSE, quote = FALSE)
  cases[[name]] <<- list(
    raw = fmt(b$raw.gli), exp = fmt(b$exp.gli), sd = fmt(b$sd.gli), z = fmt(b$z.gli),
    N = b$N, m = sum(g), density = fmt(sum(g) / (b$N * (b$N - 1))),
    columns = names(b$raw.gli)
  )
}

read_net <- function(name, file) {
  list(actors = read.csv(file.path(ref, name, "actors.csv"), colClasses = c(id = "character")),
       ties = read.csv(file.path(ref, name, file), colClasses = c(source = "character",
                                                                   target = "character")))
}

# campnet (directed): by gender and by role
x <- read_net("campnet", "ties.csv")
run("campnet_gender", x$actors$id, x$ties, TRUE, x$actors$gender)
run("campnet_role", x$actors$id, x$ties, TRUE, x$actors$role)

# Krackhardt high-tech managers, advice (directed): by department (department 0 has one member)
x <- read_net("krackhardt_hightech", "ties_advice.csv")
run("krackhardt_advice_department", x$actors$id, x$ties, TRUE, x$actors$department)

# strike (undirected): by group
x <- read_net("strike", "ties.csv")
run("strike_group", x$actors$id, x$ties, FALSE, x$actors$group)

# Padgett Florentine marriage (undirected, PUCCI isolated): wealth class
# low < 30 <= mid < 50 <= high (the Python test uses the same cut)
x <- read_net("padgett_florentine", "ties_marriage.csv")
w <- x$actors$wealth
cls <- ifelse(w < 30, "low", ifelse(w < 50, "mid", "high"))
run("padgett_marriage_wealth", x$actors$id, x$ties, FALSE, cls)

# a random directed graph: 40 actors in groups of 18, 14, 6 and 2, density 0.12
set.seed(20240611)
n <- 40
ids <- sprintf("v%02d", seq_len(n))
grp <- rep(c("a", "b", "c", "d"), c(18, 14, 6, 2))
grp <- sample(grp)
r <- matrix(rbinom(n * n, 1, 0.12), n, n)
diag(r) <- 0
e <- which(r == 1, arr.ind = TRUE)
ties <- data.frame(source = ids[e[, 1]], target = ids[e[, 2]], stringsAsFactors = FALSE)
ties <- ties[order(ties$source, ties$target), ]
write.csv(data.frame(id = ids, group = grp), file.path(out, "random_actors.csv"),
          row.names = FALSE, quote = FALSE)
write.csv(ties, file.path(out, "random_ties.csv"), row.names = FALSE, quote = FALSE)
run("random_directed", ids, ties, TRUE, grp)

meta <- list(generated_by = "tests/reference/sna_brokerage.R",
             sna_version = as.character(packageVersion("sna")),
             r_version = R.version.string)
writeLines(toJSON(c(meta, list(cases = cases)), auto_unbox = TRUE, pretty = TRUE),
           file.path(out, "gli.json"))
cat("wrote", length(cases), "cases to", out, "\n")
