# planck's container image: the self-contained binary from ci/package and git, nothing else, run
# as a user who is not root. Built by .github/workflows/release.yml from a release's archive:
#   docker build --build-arg ARCHIVE=dist/planck-0.1.0-linux-x86_64.tar.gz -t planck .
FROM debian:bookworm-slim
ARG ARCHIVE
RUN apt-get update -qq \
 && apt-get install -y -qq --no-install-recommends git ca-certificates >/dev/null \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 10001 planck
ADD ${ARCHIVE} /opt/
RUN ln -s /opt/planck-*/planck /usr/local/bin/planck \
 && git config --system --add safe.directory '*'
USER planck
WORKDIR /work
ENTRYPOINT ["planck"]
CMD ["--help"]
