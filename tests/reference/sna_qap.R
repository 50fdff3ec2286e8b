# Reference values for systemsmap.inference (qap_correlation, mrqap), computed with R's sna.
#
# Run from the repository root (needs R with the sna and jsonlite packages):
#
#   Rscript tests/reference/sna_qap.R
#
# Reads the networks in tests/data/reference (the CSVs the tests read) and writes
# tests/reference/sna_qap.json: for each case the coefficients, the classical standard
# errors, the test statistics (t for netlm, z for netlogit), the fit statistics and sna's
# permutation p-values (pleeq, pgreq, pgreqabs), plus gcor and qaptest for two
# correlations. Numbers are written with 17 significant digits.
#
# sna runs 20,000 replications here, so that its own Monte Carlo error (a standard
# deviation of at most 0.0035 for a p-value) leaves room for systemsmap's at 5,000
# permutations (at most 0.007) inside the tests' tolerance of 0.02. Takes about 10 minutes.
#
# netlogit's null.deviance is that of glm.fit without an intercept (sna passes the
# intercept as a column), i.e. of p = 0.5 for every pair; the intercept-only deviance
# (glm(y ~ 1)), which systemsmap reports, is written as null_deviance_intercept.
#
# Conventions (sna 2.7): netlm/netlogit with intercept=TRUE, diag=FALSE, the default
# nullhyp "qap" (which is "qapspp", Dekker et al.'s double semi-partialling) and "qapy";
# mode="digraph" for the directed Krackhardt managers, mode="graph" (lower triangle, each
# pair once) for the undirected Florentine families. Actors are in actors.csv order.
#
# Krackhardt high-tech managers: advice on friendship, reports-to, same department and
# absolute age difference (actors.csv has age). Florentine families: marriage on business
# and absolute wealth difference.
suppressPackageStartupMessages(library(sna))
library(jsonlite)

ref <- file.path("tests", "data", "reference")
out <- file.path("tests", "reference", "sna_qap.json")
REPS <- 20000

adjacency <- function(ids, file, directed) {
  ties <- read.csv(file, colClasses = "character")
  n <- length(ids)
  g <- matrix(0, n, n, dimnames = list(ids, ids))
  s <- match(ties$source, ids)
  t <- match(ties$target, ids)
  stopifnot(!anyNA(s), !anyNA(t))
  g[cbind(s, t)] <- 1
  if (!directed) g[cbind(t, s)] <- 1
  diag(g) <- 0
  g
}

fmt <- function(x) sprintf("%.17g", x)

ols_stats <- function(fit) {
  mss <- sum((fitted(fit) - mean(fitted(fit)))^2)
  rss <- sum(resid(fit)^2)
  rdf <- fit$n - fit$rank
  list(r_squared = fmt(mss / (mss + rss)), sigma = fmt(sqrt(rss / rdf)), df_residual = rdf,
       se = fmt(sqrt(diag(chol2inv(fit$qr$qr)) * rss / rdf)))
}

run_model <- function(kind, y, x, mode, nullhyp, seed) {
  yvec <- gvectorize(y, mode = mode, diag = FALSE)
  set.seed(seed)
  fit <- if (kind == "ols") {
    netlm(y, x, mode = mode, nullhyp = nullhyp, reps = REPS)
  } else {
    netlogit(y, x, mode = mode, nullhyp = nullhyp, reps = REPS)
  }
  res <- list(coefficients = fmt(fit$coefficients), statistic = fmt(fit$tstat),
              p_less = fmt(fit$pleeq), p_greater = fmt(fit$pgreq), p_two_sided = fmt(fit$pgreqabs),
              nullhyp = fit$nullhyp, reps = REPS, n = fit$n)
  if (kind == "ols") {
    res <- c(res, ols_stats(fit))
  } else {
    res <- c(res, list(se = fmt(fit$se), deviance = fmt(fit$deviance),
                       null_deviance = fmt(fit$null.deviance),
                       null_deviance_intercept = fmt(glm(yvec ~ 1, family = binomial())$deviance), aic = fmt(fit$aic), bic = fmt(fit$bic)))
  }
  res
}

cases <- list()

# ---------------------------------------------------------------- Krackhardt high-tech managers
k_actors <- read.csv(file.path(ref, "krackhardt_hightech", "actors.csv"), colClasses = c(id = "character"))
k_ids <- k_actors$id
k_file <- function(r) file.path(ref, "krackhardt_hightech", paste0("ties_", r, ".csv"))
advice <- adjacency(k_ids, k_file("advice"), TRUE)
friendship <- adjacency(k_ids, k_file("friendship"), TRUE)
reportsto <- adjacency(k_ids, k_file("reportsto"), TRUE)
same_dept <- outer(k_actors$department, k_actors$department, "==") * 1
age_diff <- abs(outer(k_actors$age, k_actors$age, "-"))
k_x <- list(friendship, reportsto, same_dept, age_diff)
k_terms <- c("intercept", "friendship", "reportsto", "same_department", "diff_age")

for (kind in c("ols", "logit")) {
  for (nh in c("qapspp", "qapy")) {
    name <- paste("krackhardt", kind, nh, sep = "_")
    cases[[name]] <- c(list(terms = k_terms, directed = TRUE),
                       run_model(kind, advice, k_x, "digraph", nh, 20260101))
  }
}

# ---------------------------------------------------------------- Florentine families
f_actors <- read.csv(file.path(ref, "padgett_florentine", "actors.csv"), colClasses = c(id = "character"))
f_ids <- f_actors$id
f_file <- function(r) file.path(ref, "padgett_florentine", paste0("ties_", r, ".csv"))
marriage <- adjacency(f_ids, f_file("marriage"), FALSE)
business <- adjacency(f_ids, f_file("business"), FALSE)
wealth_diff <- abs(outer(f_actors$wealth, f_actors$wealth, "-"))
f_x <- list(business, wealth_diff)
f_terms <- c("intercept", "business", "diff_wealth")

for (kind in c("ols", "logit")) {
  for (nh in c("qapspp", "qapy")) {
    name <- paste("florentine", kind, nh, sep = "_")
    cases[[name]] <- c(list(terms = f_terms, directed = FALSE),
                       run_model(kind, marriage, f_x, "graph", nh, 20260102))
  }
}

# ---------------------------------------------------------------- graph correlations
correlation <- function(a, b, mode, seed) {
  set.seed(seed)
  q <- qaptest(list(a, b), gcor, g1 = 1, g2 = 2, mode = mode, reps = REPS)
  list(gcor = fmt(gcor(a, b, mode = mode)), p_greater = fmt(q$pgreq), p_less = fmt(q$pleeq), reps = REPS)
}
cases[["gcor_krackhardt_advice_friendship"]] <- correlation(advice, friendship, "digraph", 20260103)
cases[["gcor_florentine_marriage_business"]] <- correlation(marriage, business, "graph", 20260104)

write(toJSON(cases, auto_unbox = TRUE, pretty = TRUE, digits = NA), out)
cat("wrote", out, "\n")
