# Reference values for dyad-independent ERGMs (systemsmap.ergm): the maximum
# likelihood estimate of a dyad-independent ERGM is the logistic regression of
# each dyad's tie on its change statistics (Strauss & Ikeda 1990), so base R's
# glm(family = binomial) gives the coefficients and standard errors that
# statnet's ergm() reports for these models. (R's ergm package is not
# installable here; glm is an independent implementation of the same fit.)
#
# Run from the repository root:  Rscript tests/reference/ergm_glm.R
# Writes tests/reference/ergm_glm.csv: model, term, estimate, std_error, loglik.
#
# Models (statnet's term definitions; directed dyads are ordered pairs i != j,
# undirected dyads pairs i < j):
#  krackhardt_advice: advice ~ edges + nodematch(department)
#      + nodefactor(level) [levels 2, 3 against 1] + nodecov(age) + absdiff(age)
#      + edgecov(friendship)                       (21 managers, directed)
#  florentine_marriage: marriage ~ edges + nodecov(wealth) + absdiff(wealth)
#      + edgecov(business) + nodematch(wealthy)    (16 families, undirected;
#      wealthy = wealth above 50)
ref <- file.path("tests", "data", "reference")
out <- file.path("tests", "reference", "ergm_glm.csv")

adjacency <- function(ids, file, directed) {
  t <- read.csv(file, colClasses = "character")
  g <- matrix(0, length(ids), length(ids), dimnames = list(ids, ids))
  g[cbind(match(t$source, ids), match(t$target, ids))] <- 1
  if (!directed) g <- pmax(g, t(g))
  g
}

dyads <- function(n, directed) {
  d <- expand.grid(i = seq_len(n), j = seq_len(n))
  d <- d[d$i != d$j, ]
  if (!directed) d <- d[d$i < d$j, ]
  d[order(d$i, d$j), ]
}

fit <- function(name, y, X) {
  m <- glm(y ~ 0 + X, family = binomial(), control = glm.control(epsilon = 1e-14, maxit = 100))
  s <- summary(m)$coefficients
  data.frame(model = name, term = colnames(X), estimate = s[, 1], std_error = s[, 2],
             loglik = as.numeric(logLik(m)), row.names = NULL)
}

# Krackhardt advice (directed)
a <- read.csv(file.path(ref, "krackhardt_hightech", "actors.csv"), colClasses = c(id = "character"))
ids <- a$id
adv <- adjacency(ids, file.path(ref, "krackhardt_hightech", "ties_advice.csv"), TRUE)
fr <- adjacency(ids, file.path(ref, "krackhardt_hightech", "ties_friendship.csv"), TRUE)
d <- dyads(length(ids), TRUE)
i <- d$i; j <- d$j
X <- cbind(edges = 1,
           nodematch.department = as.numeric(a$department[i] == a$department[j]),
           nodefactor.level.2 = (a$level[i] == 2) + (a$level[j] == 2),
           nodefactor.level.3 = (a$level[i] == 3) + (a$level[j] == 3),
           nodecov.age = a$age[i] + a$age[j],
           absdiff.age = abs(a$age[i] - a$age[j]),
           edgecov.friendship = fr[cbind(i, j)])
r1 <- fit("krackhardt_advice", adv[cbind(i, j)], X)

# Florentine marriage (undirected)
f <- read.csv(file.path(ref, "padgett_florentine", "actors.csv"), colClasses = c(id = "character"))
ids <- f$id
mar <- adjacency(ids, file.path(ref, "padgett_florentine", "ties_marriage.csv"), FALSE)
bus <- adjacency(ids, file.path(ref, "padgett_florentine", "ties_business.csv"), FALSE)
d <- dyads(length(ids), FALSE)
i <- d$i; j <- d$j
wealthy <- f$wealth > 50
X <- cbind(edges = 1,
           nodecov.wealth = f$wealth[i] + f$wealth[j],
           absdiff.wealth = abs(f$wealth[i] - f$wealth[j]),
           edgecov.business = bus[cbind(i, j)],
           nodematch.wealthy = as.numeric(wealthy[i] == wealthy[j]))
r2 <- fit("florentine_marriage", mar[cbind(i, j)], X)

res <- rbind(r1, r2)
write.csv(format(res, digits = 17), out, row.names = FALSE, quote = FALSE)
cat(R.version.string, "\n")
print(res)
