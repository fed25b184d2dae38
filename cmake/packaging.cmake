# What `scripts/package` installs and packs: the binary, its man page and
# shell completions (generated from the binary's own command table, so they
# match --help), the docs and the examples; a Debian package whose Depends is
# computed by dpkg-shlibdeps from the libraries actually linked.
include(GNUInstallDirs)

set(GENOPS_GENERATED ${CMAKE_BINARY_DIR}/generated)
add_custom_command(
  OUTPUT ${GENOPS_GENERATED}/genops.1.gz ${GENOPS_GENERATED}/genops.bash ${GENOPS_GENERATED}/_genops
  COMMAND sh ${PROJECT_SOURCE_DIR}/cmake/generate_docs.sh $<TARGET_FILE:genops> ${GENOPS_GENERATED}
  DEPENDS genops ${PROJECT_SOURCE_DIR}/cmake/generate_docs.sh
  COMMENT "genops: man page and shell completions from the command table")
add_custom_target(genops_docs ALL DEPENDS ${GENOPS_GENERATED}/genops.1.gz ${GENOPS_GENERATED}/genops.bash
                                          ${GENOPS_GENERATED}/_genops)

install(TARGETS genops RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# Found relative to the binary (core/module.hpp): bin/../lib/genops.
install(TARGETS genops_http genops_postgresql genops_sqlite genops_crypto genops_view_http LIBRARY DESTINATION lib/genops)
install(FILES ${GENOPS_GENERATED}/genops.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${GENOPS_GENERATED}/genops.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME genops)
install(FILES ${GENOPS_GENERATED}/_genops DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES README.md ARCHITECTURE.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs)
install(DIRECTORY examples/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples
        PATTERN ".genops" EXCLUDE PATTERN "*.db" EXCLUDE PATTERN "*.db-*" EXCLUDE)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME genops)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "genops developers <genops@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "versioned prompts, chains, evals and skew checks for LLM features")
set(CPACK_PACKAGE_DESCRIPTION "genops keeps prompt templates as immutable, labelled versions, runs YAML chains
of model calls against local or remote providers, evaluates outputs against datasets, gates CI merges on
the scores, and flags when production inputs drift from the evaluated ones.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)           # genops_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)            # Depends from the linked libraries
set(CPACK_STRIP_FILES ON)
include(CPack)
