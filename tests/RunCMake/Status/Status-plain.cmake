include(${CMAKE_CURRENT_LIST_DIR}/Status.cmake)
