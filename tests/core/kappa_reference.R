# Reference kappas from R (Debian's r-cran-vcd and r-cran-psych), an oracle independent of
# statsmodels: reads one confusion matrix per line ("k c11 c12 ... ckk", row-major, rows = the
# reference rater) from the file named on the command line and prints one line per matrix:
#   vcd::Kappa + confint: unweighted value, ASE, lower, upper; "Equal-Spacing" (linear) value,
#   ASE, lower, upper; "Fleiss-Cohen" (quadratic) value, ASE, lower, upper;
#   psych::cohen.kappa: unweighted value, lower, upper; weighted (its default, quadratic) value.
# Usage: Rscript kappa_reference.R TABLES.txt
suppressPackageStartupMessages({
  library(vcd)
  library(psych)
})
args <- commandArgs(trailingOnly = TRUE)
lines <- readLines(args[1])
fmt <- function(x) formatC(x, digits = 17, format = "g")
for (line in lines) {
  v <- as.numeric(strsplit(line, " ")[[1]])
  k <- v[1]
  t <- matrix(v[-1], nrow = k, byrow = TRUE)
  out <- c()
  for (w in c("Equal-Spacing", "Fleiss-Cohen")) {
    kap <- Kappa(t, weights = w)
    ci <- confint(kap)
    if (w == "Equal-Spacing")
      out <- c(out, kap$Unweighted[["value"]], kap$Unweighted[["ASE"]], ci[1, 1], ci[1, 2])
    out <- c(out, kap$Weighted[["value"]], kap$Weighted[["ASE"]], ci[2, 1], ci[2, 2])
  }
  ck <- suppressWarnings(cohen.kappa(t))
  out <- c(out, ck$confid[1, 2], ck$confid[1, 1], ck$confid[1, 3], ck$confid[2, 2])
  cat(paste(sapply(out, fmt), collapse = " "), "\n")
}
